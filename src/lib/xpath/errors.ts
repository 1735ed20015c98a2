/** Errors of the expression engine, each with an English and a Thai message. */

/** An expression that cannot be parsed (or names an unknown function, or calls one with the wrong number of arguments). */
export class XPathSyntaxError extends Error {
  override readonly name = 'XPathSyntaxError';
  /** 0-based offset (UTF-16 code units) in `expression` where the problem is. */
  readonly position: number;
  readonly expression: string;
  readonly messageTh: string;

  constructor(expression: string, position: number, message: string, messageTh: string) {
    super(message);
    this.expression = expression;
    this.position = position;
    this.messageTh = messageTh;
  }
}

/** An expression that parsed but failed while evaluating (unknown instance, invalid regular expression, …). */
export class XPathEvaluationError extends Error {
  override readonly name = 'XPathEvaluationError';
  readonly expression: string;
  readonly messageTh: string;

  constructor(expression: string, message: string, messageTh: string) {
    super(message);
    this.expression = expression;
    this.messageTh = messageTh;
  }
}
