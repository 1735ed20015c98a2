/**
 * Every expression in the XForms pyxform wrote for its own example forms
 * (../shared/conformance/xlsform, when present) parses, compiles and
 * evaluates against the form's own instance.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { appendChild, compile, createNode, type InstanceNode } from './index.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/conformance/xlsform');
/** Expressions that are wrong on purpose in pyxform's examples, or need data the folder does not have. */
const EXPECTED_FAILURES = new Set(["because pyxform doesn't know what to do", "pulldata('fruits', 'name','name', 'mango')"]);

interface ParsedXForm {
  primary: InstanceNode | null;
  instances: Record<string, InstanceNode>;
  binds: Record<string, string>[];
  refs: string[];
}

function readXForm(xml: string): ParsedXForm {
  const out: ParsedXForm = { primary: null, instances: {}, binds: [], refs: [] };
  let current: { id: string | undefined; stack: InstanceNode[]; root: InstanceNode | null } | null = null;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (current) {
      const node = createNode(tag.name, '', [], Object.keys(attrs).length > 0 ? attrs : undefined);
      const parent = current.stack[current.stack.length - 1];
      if (parent) appendChild(parent, node);
      else current.root = node;
      current.stack.push(node);
      return;
    }
    if (tag.name === 'instance') current = { id: attrs['id'], stack: [], root: null };
    else if (tag.name === 'bind') out.binds.push(attrs);
    else for (const k of ['ref', 'nodeset', 'value']) if (attrs[k]) out.refs.push(attrs[k]);
  });
  parser.on('text', (text) => {
    const node = current?.stack[current.stack.length - 1];
    if (node && text.trim() !== '') node.value += text.trim();
  });
  parser.on('closetag', () => {
    if (!current) return;
    if (current.stack.length > 0) {
      current.stack.pop();
      return;
    }
    if (current.root) {
      if (current.id === undefined) out.primary ??= current.root;
      else out.instances[current.id] = current.root;
    }
    current = null;
  });
  parser.write(xml).close();
  return out;
}

describe('pyxform example XForms', { skip: !existsSync(folder) && 'conformance folder not present' }, () => {
  it('parses, compiles and evaluates every bind and body expression pyxform wrote', () => {
    const failures: string[] = [];
    let evaluated = 0;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.xml'))) {
      const form = readXForm(readFileSync(path.join(folder, file), 'utf8'));
      const root = form.primary;
      if (!root) continue;
      for (const expr of form.refs) {
        try {
          compile(expr);
        } catch (e) {
          failures.push(`${file}: ${expr}: ${(e as Error).message}`);
        }
      }
      for (const bind of form.binds) {
        const nodeset = bind['nodeset'];
        if (nodeset === undefined) continue;
        const nodes = compile(nodeset).evaluateNodes({ contextNode: root, instances: form.instances });
        for (const node of nodes) {
          for (const key of ['relevant', 'constraint', 'calculate', 'readonly', 'required']) {
            const expr = bind[key];
            if (expr === undefined || expr === '' || EXPECTED_FAILURES.has(expr)) continue;
            try {
              compile(expr).evaluate({ contextNode: node, root, instances: form.instances, timeZoneOffset: 420 });
              evaluated++;
            } catch (e) {
              failures.push(`${file}: ${key}="${expr}": ${(e as Error).message}`);
            }
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(evaluated > 150, `only ${evaluated} expressions evaluated`);
  });
});
