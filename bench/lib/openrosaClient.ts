/**
 * OpenRosa load client, run in a process of its own by
 * bench/openrosa.bench.ts:
 *
 *   node --import tsx bench/lib/openrosaClient.ts <config.json>
 *
 * N concurrent "phones" on keep-alive connections (node:http Agent), each
 * with HTTP Basic credentials of a volunteer: HEAD /openrosa/submission
 * once, then POST multipart submissions (part xml_submission_file, as ODK
 * Collect sends it) in a loop until the time is up. Every new submission
 * has a fresh instanceID; a share of the requests are retries of a
 * submission already answered 201 (same instanceID, same bytes), which
 * must be answered 200 and not stored again.
 *
 * Prints "MEASURE_START" and "MEASURE_END" on stdout when the measured
 * window opens and closes (the parent samples CPU then), and writes its
 * results as JSON to the config's `out` file.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { HouseholdInstances } from './householdForm.js';

export interface ClientConfig {
  url: string;
  users: Array<{ email: string; password: string }>;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** Share of requests that resend an already stored submission. */
  retryRate: number;
  seed: number;
  formId: string;
  version: string;
  rootName: string;
  /** Distinct household bodies to rotate through (their instanceIDs are always new). */
  templates: number;
  out: string;
}

export interface PhaseResult {
  /** Requests by kind and status ("new 201", "retry 200", "new ECONNRESET"…). */
  statuses: Record<string, number>;
  /** Latencies (ms) of new submissions answered 201. */
  newLatencies: number[];
  /** Latencies (ms) of retries answered 2xx. */
  retryLatencies: number[];
}

export interface ClientResult {
  head: { statuses: Record<string, number>; latencies: number[] };
  warmup: PhaseResult;
  measured: PhaseResult;
  /** Seconds from the opening of the measured window to the last answer to a request started in it. */
  measuredSeconds: number;
  /** instanceIDs answered 201 (every phase). */
  created: string[];
  /** instanceIDs that were resent as retries (each at least once). */
  retried: string[];
  /** The first few unexpected answers, with the start of their bodies. */
  unexpected: string[];
  cpuSeconds: number;
  bodyBytes: { min: number; max: number; mean: number };
}

const BOUNDARY = '----ruamjaiBenchBoundary7MA4YWxkTrZu0gW';
const HEAD_TIMEOUT_MS = 120_000;
const POST_TIMEOUT_MS = 60_000;

function multipartBody(xml: string): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="submission.xml"\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n` +
      `${xml}\r\n--${BOUNDARY}--\r\n`,
  );
}

interface Answer {
  status: number | string;
  ms: number;
  body: string;
}

function send(agent: http.Agent, url: URL, method: 'HEAD' | 'POST', auth: string, body: Buffer | undefined, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const t = performance.now();
    const headers: http.OutgoingHttpHeaders = {
      authorization: auth,
      'x-openrosa-version': '1.0',
      date: new Date().toUTCString(),
      'user-agent': 'org.odk.collect.android/v2025.2.3 ruamjai-bench',
    };
    if (body) {
      headers['content-type'] = `multipart/form-data; boundary=${BOUNDARY}`;
      headers['content-length'] = body.length;
    }
    const req = http.request({ agent, host: url.hostname, port: url.port, path: '/openrosa/submission', method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? 'response error', ms: performance.now() - t, body: err.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer in ${timeoutMs} ms`), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? 'request error', ms: performance.now() - t, body: err.message }));
    req.end(body);
  });
}

function emptyPhase(): PhaseResult {
  return { statuses: {}, newLatencies: [], retryLatencies: [] };
}

async function main(config: ClientConfig): Promise<ClientResult> {
  const cpu0 = process.cpuUsage();
  const url = new URL(config.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency, maxFreeSockets: config.concurrency });
  const gen = new HouseholdInstances(config.seed, { formId: config.formId, version: config.version, rootName: config.rootName });
  const templates = Array.from({ length: config.templates }, () => gen.template());
  const sizes = templates.map((t) => Buffer.byteLength(t.before) + Buffer.byteLength(t.after) + 41);
  const auths = config.users.map((u) => `Basic ${Buffer.from(`${u.email}:${u.password}`).toString('base64')}`);

  const result: ClientResult = {
    head: { statuses: {}, latencies: [] },
    warmup: emptyPhase(),
    measured: emptyPhase(),
    measuredSeconds: 0,
    created: [],
    retried: [],
    unexpected: [],
    cpuSeconds: 0,
    bodyBytes: { min: Math.min(...sizes), max: Math.max(...sizes), mean: sizes.reduce((a, b) => a + b, 0) / sizes.length },
  };
  const retried = new Set<string>();
  const note = (kind: string, a: Answer) => {
    if (result.unexpected.length < 10) result.unexpected.push(`${kind} ${a.status} after ${a.ms.toFixed(0)} ms: ${a.body.replace(/\s+/g, ' ').slice(0, 300)}`);
  };

  // Every phone says HEAD first (ODK Collect's pre-flight); the first Basic check of each volunteer costs a password hash.
  await Promise.all(
    Array.from({ length: config.concurrency }, async (_, i) => {
      const a = await send(agent, url, 'HEAD', auths[i % auths.length]!, undefined, HEAD_TIMEOUT_MS);
      result.head.statuses[String(a.status)] = (result.head.statuses[String(a.status)] ?? 0) + 1;
      result.head.latencies.push(a.ms);
      if (a.status !== 204) note('HEAD', a);
    }),
  );

  const t0 = performance.now();
  const measureFrom = t0 + config.warmupSeconds * 1000;
  const until = measureFrom + config.seconds * 1000;
  const opened = setTimeout(() => process.stdout.write('MEASURE_START\n'), config.warmupSeconds * 1000);
  const closed = setTimeout(() => process.stdout.write('MEASURE_END\n'), (config.warmupSeconds + config.seconds) * 1000);
  let lastMeasuredEnd = measureFrom;

  // A tiny xorshift for choices: the load pattern need not be reproducible, only cheap.
  let s = (config.seed * 2654435761) >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };

  let templateCursor = 0;
  await Promise.all(
    Array.from({ length: config.concurrency }, async (_, phone) => {
      const auth = auths[phone % auths.length]!;
      // This phone's stored submissions, for retries: [instanceID, template index].
      const mine: Array<[string, number]> = [];
      for (;;) {
        const startedAt = performance.now();
        if (startedAt >= until) break;
        const phase = startedAt >= measureFrom ? result.measured : result.warmup;
        const isRetry = mine.length > 0 && rand() < config.retryRate;
        let id: string;
        let ti: number;
        if (isRetry) {
          [id, ti] = mine[Math.floor(rand() * mine.length)]!;
        } else {
          id = `uuid:${randomUUID()}`;
          ti = templateCursor++ % templates.length;
        }
        const t = templates[ti]!;
        const a = await send(agent, url, 'POST', auth, multipartBody(t.before + id + t.after), POST_TIMEOUT_MS);
        const kind = isRetry ? 'retry' : 'new';
        const key = `${kind} ${a.status}`;
        phase.statuses[key] = (phase.statuses[key] ?? 0) + 1;
        if (phase === result.measured) lastMeasuredEnd = Math.max(lastMeasuredEnd, performance.now());
        if (!isRetry && a.status === 201) {
          result.created.push(id);
          phase.newLatencies.push(a.ms);
          if (mine.length < 500) mine.push([id, ti]);
          else mine[Math.floor(rand() * mine.length)] = [id, ti];
        } else if (isRetry && typeof a.status === 'number' && a.status >= 200 && a.status < 300) {
          retried.add(id);
          phase.retryLatencies.push(a.ms);
          if (a.status !== 200) note(kind, a);
        } else {
          if (isRetry) retried.add(id);
          note(kind, a);
        }
      }
    }),
  );
  clearTimeout(opened);
  clearTimeout(closed);
  agent.destroy();
  result.measuredSeconds = Math.max(0, (lastMeasuredEnd - measureFrom) / 1000);
  result.retried = [...retried];
  const cpu = process.cpuUsage(cpu0);
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return result;
}

const configFile = process.argv[2];
if (!configFile) {
  console.error('usage: node --import tsx bench/lib/openrosaClient.ts <config.json>');
  process.exit(64);
}
const config = JSON.parse(readFileSync(configFile, 'utf8')) as ClientConfig;
main(config).then(
  (r) => {
    writeFileSync(config.out, JSON.stringify(r));
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
