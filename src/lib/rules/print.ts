/** Prints an expression's syntax tree back as canonical text (single spaces, minimal parentheses): the keys of evidence entries. */
import type { Ast, BinaryOp, Step } from '../xpath/index.js';

const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '=': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  div: 6,
  mod: 6,
  '|': 8,
};
const UNARY = 7;
const PRIMARY = 9;

function precedence(ast: Ast): number {
  if (ast.type === 'binary') return PRECEDENCE[ast.op];
  if (ast.type === 'negate') return UNARY;
  return PRIMARY;
}

function quote(s: string): string {
  return s.includes("'") ? `"${s}"` : `'${s}'`;
}

function printStep(step: Step): string {
  let head: string;
  const test = step.test.kind === 'name' ? step.test.name : step.test.kind === 'node' ? 'node()' : step.test.prefix !== undefined ? `${step.test.prefix}:*` : '*';
  if (step.axis === 'self' && step.test.kind === 'node' && step.predicates.length === 0) return '.';
  if (step.axis === 'parent' && step.test.kind === 'node' && step.predicates.length === 0) return '..';
  if (step.axis === 'child') head = test;
  else if (step.axis === 'attribute') head = `@${test}`;
  else head = `${step.axis}::${test}`;
  return head + step.predicates.map((p) => `[${printAst(p)}]`).join('');
}

/** Canonical text of an expression. */
export function printAst(ast: Ast): string {
  switch (ast.type) {
    case 'number':
      return String(ast.value);
    case 'string':
      return quote(ast.value);
    case 'negate': {
      const inner = printAst(ast.operand);
      return precedence(ast.operand) < UNARY ? `-(${inner})` : `-${inner}`;
    }
    case 'binary': {
      const p = PRECEDENCE[ast.op];
      const l = printAst(ast.left);
      const r = printAst(ast.right);
      return `${precedence(ast.left) < p ? `(${l})` : l} ${ast.op} ${precedence(ast.right) <= p ? `(${r})` : r}`;
    }
    case 'call':
      return `${ast.name}(${ast.args.map(printAst).join(', ')})`;
    case 'filter': {
      const inner = printAst(ast.primary);
      return `${precedence(ast.primary) < PRIMARY || ast.primary.type === 'path' ? `(${inner})` : inner}${ast.predicates.map((p) => `[${printAst(p)}]`).join('')}`;
    }
    case 'path': {
      const steps = ast.steps.map(printStep).join('/');
      if (ast.start === 'root') return `/${steps}`;
      if (ast.start === 'context') return steps;
      const start = printAst(ast.start);
      return `${precedence(ast.start) < PRIMARY ? `(${start})` : start}/${steps}`;
    }
  }
}
