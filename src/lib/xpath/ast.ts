/** Syntax tree of an XPath 1.0 expression (ODK dialect). Every node carries `pos`, its 0-based offset in the source. */

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod' | '|';

/** Axes the evaluator supports (ODK needs child, parent, self; the others come cheap). */
export type Axis =
  | 'child'
  | 'parent'
  | 'self'
  | 'attribute'
  | 'descendant'
  | 'descendant-or-self'
  | 'ancestor'
  | 'ancestor-or-self'
  | 'following-sibling'
  | 'preceding-sibling';

/** `name` / `prefix:name`, `*` / `prefix:*`, or `node()`. */
export type NodeTest = { kind: 'name'; name: string } | { kind: 'any'; prefix?: string } | { kind: 'node' };

export interface Step {
  axis: Axis;
  test: NodeTest;
  predicates: Ast[];
  pos: number;
}

export interface NumberLiteral {
  type: 'number';
  value: number;
  pos: number;
}

export interface StringLiteral {
  type: 'string';
  value: string;
  pos: number;
}

export interface BinaryExpr {
  type: 'binary';
  op: BinaryOp;
  left: Ast;
  right: Ast;
  pos: number;
}

export interface NegateExpr {
  type: 'negate';
  operand: Ast;
  pos: number;
}

/** A function call; `name` as written, with its prefix (`jr:choice-name`). */
export interface FunctionCall {
  type: 'call';
  name: string;
  args: Ast[];
  pos: number;
}

/** A primary expression with predicates: `(a | b)[1]`, `current()[. != '']`. */
export interface FilterExpr {
  type: 'filter';
  primary: Ast;
  predicates: Ast[];
  pos: number;
}

/**
 * A location path. `start`: 'root' for `/…`, 'context' for a relative path,
 * or an expression for `instance('x')/root/item`, `current()/../x`, `(…)/x`.
 */
export interface PathExpr {
  type: 'path';
  start: 'root' | 'context' | Ast;
  steps: Step[];
  pos: number;
}

export type Ast = NumberLiteral | StringLiteral | BinaryExpr | NegateExpr | FunctionCall | FilterExpr | PathExpr;
