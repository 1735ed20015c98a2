/**
 * Micro-benchmark of the expression engine (not a test):
 *
 *   node --import tsx src/lib/xpath/benchmark.ts
 *
 * Evaluates a typical relevance condition 100,000 times against a
 * household instance, with the compiled expression and through the
 * text-keyed cache.
 */
import { compile, evaluateBoolean, fromPlainObject, resolvePath, type InstanceNode } from './index.js';

const EXPR = "/household/member/age >= 6 and /household/member/age <= 17 and selected(/household/member/school, 'no')";
const REL = "../age >= 6 and ../age <= 17 and selected(../school, 'no')";
const N = 100_000;

const root = fromPlainObject('household', {
  hh_id: 'H0001',
  village: '90110101',
  member: Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, age: String(4 + i * 3), school: i % 2 ? 'no' : 'yes other', edu: '' })),
});
const contexts: InstanceNode[] = [];
for (let i = 1; i <= 6; i++) {
  const node = resolvePath(root, `/household/member[${i}]/edu`);
  if (node) contexts.push(node);
}

function run(label: string, fn: (ctx: InstanceNode) => boolean): void {
  for (let i = 0; i < 10_000; i++) fn(contexts[i % contexts.length] as InstanceNode); // warm-up
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) if (fn(contexts[i % contexts.length] as InstanceNode)) hits++;
  const ms = performance.now() - t0;
  console.log(`${label}: ${N.toLocaleString('en')} evaluations in ${ms.toFixed(1)} ms (${((ms * 1000) / N).toFixed(2)} µs each; ${hits} true)`);
}

const flat = fromPlainObject('household', { hh_id: 'H0001', age: '12', school: 'no', note: '' });
const flatNote = resolvePath(flat, '/household/note') as InstanceNode;
const brief = compile("/household/age >= 6 and /household/age <= 17 and selected(/household/school, 'no')");
run('compiled, ${age} >= 6 and ${age} <= 17 and selected(${school}, \'no\')', () => brief.evaluateBoolean({ contextNode: flatNote }));
const compiled = compile(EXPR);
run('compiled, absolute paths in a repeat', (ctx) => compiled.evaluateBoolean({ contextNode: ctx }));
const relative = compile(REL);
run('compiled, relative paths (pyxform style)', (ctx) => relative.evaluateBoolean({ contextNode: ctx }));
run('by text (cache lookup each time)', (ctx) => evaluateBoolean(EXPR, { contextNode: ctx }));
const t0 = performance.now();
for (let i = 0; i < 1000; i++) compile(`${EXPR} and ${i} = ${i}`);
console.log(`parse + compile: ${((performance.now() - t0) / 1000).toFixed(3)} ms per expression`);
