/** The error of an indicator rule that cannot be compiled, with the 0-based offset of the problem in the rule and messages in English and Thai. */
export class RuleError extends Error {
  override readonly name = 'RuleError';
  /** 0-based offset (UTF-16 code units) in `rule` where the problem is. */
  readonly position: number;
  readonly rule: string;
  readonly messageTh: string;

  constructor(rule: string, position: number, message: string, messageTh: string) {
    super(message);
    this.rule = rule;
    this.position = position;
    this.messageTh = messageTh;
  }
}
