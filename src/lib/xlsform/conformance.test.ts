/**
 * Conformance with pyxform: every example form of pyxform's test suite
 * (../shared/conformance/xlsform) is converted and compared with the XForm
 * pyxform produced from it — the primary instance tree (element names,
 * nesting, jr:template) and every bind (nodeset, type, required, relevant,
 * constraint, calculate, readonly, jr:preload, jr:preloadParams), with
 * whitespace in expressions normalised.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { readXlsForm, toXForm } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const folder = path.resolve(repoRoot, '../shared/conformance/xlsform');

/** Forms pyxform accepts that this converter does not reproduce, with the reason. */
const UNSUPPORTED: Record<string, string> = {};

/**
 * Forms pyxform converts only because the suite skips ODK Validate: their
 * expressions are invalid, and we reject them naming the cell (column).
 */
const INVALID_ON_PURPOSE: Record<string, string> = { 'bad_calc.xlsx': 'calculation' };

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}

export function parseXml(xml: string): XNode {
  const parser = new SaxesParser();
  const stack: XNode[] = [{ name: '#document', attrs: {}, children: [] }];
  parser.on('opentag', (tag) => {
    const node: XNode = { name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [] };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return stack[0]!.children[0]!;
}

const child = (n: XNode | undefined, name: string): XNode | undefined => n?.children.find((c) => c.name === name);

/** The primary instance as an indented outline: names, nesting and jr:template. */
function outline(n: XNode, depth = 0): string[] {
  const mark = 'jr:template' in n.attrs ? ' [template]' : '';
  return [`${'  '.repeat(depth)}${n.name}${mark}`, ...n.children.flatMap((c) => outline(c, depth + 1))];
}

const BIND_ATTRS = ['type', 'required', 'relevant', 'constraint', 'calculate', 'readonly', 'jr:preload', 'jr:preloadParams'];
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function summary(xml: string): { instance: string[]; binds: Record<string, Record<string, string>> } {
  const html = parseXml(xml);
  const model = child(child(html, 'h:head'), 'model');
  assert.ok(model, 'no h:head/model');
  const primary = model.children.find((c) => c.name === 'instance' && !('id' in c.attrs));
  assert.ok(primary?.children[0], 'no primary instance');
  const binds: Record<string, Record<string, string>> = {};
  for (const b of model.children.filter((c) => c.name === 'bind')) {
    const attrs: Record<string, string> = {};
    for (const a of BIND_ATTRS) if (a in b.attrs) attrs[a] = norm(b.attrs[a]!);
    binds[b.attrs.nodeset ?? '?'] = attrs;
  }
  return { instance: outline(primary.children[0]), binds };
}

function sourceOf(expected: string): string {
  const form = expected.replace(/\.pyxform\.xml$/, '');
  if (form.endsWith('.xls')) return path.join(folder, 'from-xls', form.replace(/\.xls$/, '.xlsx'));
  return path.join(folder, form);
}

describe('pyxform conformance', () => {
  if (!existsSync(folder)) {
    it('conformance forms', (t) => {
      t.skip(`conformance folder not found at ${folder}`);
    });
    return;
  }
  const expectedFiles = readdirSync(folder)
    .filter((f) => f.endsWith('.pyxform.xml'))
    .sort();
  for (const expectedFile of expectedFiles) {
    const form = expectedFile.replace(/\.pyxform\.xml$/, '');
    it(form, async (t) => {
      if (UNSUPPORTED[form] !== undefined) {
        t.skip(`not supported: ${UNSUPPORTED[form]}`);
        return;
      }
      const source = sourceOf(expectedFile);
      const result = await readXlsForm(readFileSync(source), path.basename(source));
      const invalidColumn = INVALID_ON_PURPOSE[form];
      if (invalidColumn !== undefined) {
        assert.ok('issues' in result, 'an invalid expression must be rejected');
        assert.ok(result.issues.some((i) => i.column === invalidColumn && /not valid/.test(i.message)), JSON.stringify(result.issues));
        return;
      }
      if ('issues' in result) assert.fail(`issues: ${JSON.stringify(result.issues, null, 2)}`);
      const ours = summary(toXForm(result.form));
      const theirs = summary(readFileSync(path.join(folder, expectedFile), 'utf8'));
      assert.deepEqual(ours.instance, theirs.instance, 'primary instance differs');
      assert.deepEqual(ours.binds, theirs.binds, 'binds differ');
    });
  }
});
