/**
 * Many submissions of the household survey straight into `submissions`
 * with COPY, each row made the way the server makes it on receipt
 * (src/modules/submissions/service.ts receive → writer.ts): the instance
 * parsed by parseXml, `data` by instanceToData, `issues` by
 * validateInstance, the review state from the issues, the content hash
 * the sha256 of the XML, root_id = instance_id. Received times spread over
 * the 90 days before now, oldest first, with UUID v7 ids of those times.
 * No audit entries (the server writes one per submission; exports do not
 * read them).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '../../src/db/index.js';
import { instanceToData, type DataObject } from '../../src/lib/forms/data.js';
import { instanceFacts, parseXml } from '../../src/lib/forms/instanceXml.js';
import type { FormDefinition } from '../../src/lib/forms/model.js';
import { validateInstance } from '../../src/modules/submissions/validate.js';
import { copyLine } from '../generate.js';
import { HouseholdInstances } from './householdForm.js';

export const SUBMISSION_COPY_COLUMNS = [
  'id', 'form_pk', 'form_version_id', 'instance_id', 'root_id', 'instance_name', 'xml', 'data', 'content_hash',
  'submitter_id', 'device_id', 'received_at', 'review_state', 'issues', 'attachments_expected', 'attachments_present',
] as const;

export interface LoadOptions {
  count: number;
  seed: number | string;
  formPk: string;
  versionId: string;
  definition: FormDefinition;
  submitterId: string;
  /** Submissions whose data is kept to compare with the exports: every `sampleEvery`-th. */
  sampleEvery?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  rows: number;
  /** Repeat instances of `members` over all rows. */
  members: number;
  xmlBytes: number;
  /** Submissions flagged has_issues by the server's validation (should be 0). */
  flagged: number;
  seconds: number;
  /** Seconds spent making rows (generation, parsing, JSON) rather than waiting for COPY. */
  buildSeconds: number;
  samples: Map<string, DataObject>;
}

const CHUNK = 1 << 20;

export async function loadSubmissions(sql: Sql, opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const gen = new HouseholdInstances(`${String(opts.seed)}:exports`, { version: opts.definition.version, rootName: opts.definition.root.name });
  const now = Date.now();
  const spanMs = 90 * 86_400_000;
  const res: LoadResult = { rows: 0, members: 0, xmlBytes: 0, flagged: 0, seconds: 0, buildSeconds: 0, samples: new Map() };
  const every = opts.sampleEvery ?? 10_000;
  let progressAt = t0;

  function* chunks(): Generator<string> {
    let buf = '';
    for (let i = 0; i < opts.count; i++) {
      const tb = performance.now();
      const xml = gen.next();
      const root = parseXml(xml);
      const facts = instanceFacts(root);
      const data = instanceToData(root, opts.definition);
      const issues = validateInstance(opts.definition, root);
      const receivedMs = now - spanMs + Math.floor((spanMs * i) / opts.count);
      const members = data.members;
      res.members += Array.isArray(members) ? members.length : 0;
      res.xmlBytes += Buffer.byteLength(xml);
      if (issues.length) res.flagged++;
      if (i % every === 0 || i === opts.count - 1) res.samples.set(facts.instanceId!, data);
      const deviceId = root.children.find((c) => c.name === 'deviceid')?.text ?? null;
      buf += copyLine([
        uuidv7({ msecs: receivedMs, random: randomBytes(16) }),
        opts.formPk,
        opts.versionId,
        facts.instanceId,
        facts.instanceId,
        facts.instanceName ?? null,
        xml,
        JSON.stringify(data),
        `\\x${createHash('sha256').update(xml).digest('hex')}`,
        opts.submitterId,
        deviceId,
        new Date(receivedMs).toISOString(),
        issues.length ? 'has_issues' : 'received',
        JSON.stringify(issues),
        0,
        0,
      ]);
      res.rows++;
      res.buildSeconds += (performance.now() - tb) / 1000;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
        const t = performance.now();
        if (t - progressAt > 5000) {
          progressAt = t;
          log(`  … ${res.rows.toLocaleString('en-US')} submissions, ${Math.round(res.rows / ((t - t0) / 1000)).toLocaleString('en-US')}/s`);
        }
      }
    }
    if (buf) yield buf;
  }

  const copy = await sql.unsafe(`copy submissions (${SUBMISSION_COPY_COLUMNS.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(chunks()), copy);
  res.seconds = (performance.now() - t0) / 1000;
  return res;
}
