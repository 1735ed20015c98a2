/**
 * Login throttling per account and per client address: a sliding window of
 * recent failures. In memory, because Ruamjai runs as one process per
 * deployment (DESIGN.md); a success clears the account's failures.
 */
export interface LimitRule {
  max: number;
  windowMs: number;
}

export class FailureWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly rule: LimitRule,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.rule.max) return 0;
    return Math.max(1, Math.ceil((list[0]! + this.rule.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > this.maxKeys) this.prune(now);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    const from = now - this.rule.windowMs;
    while (list.length && list[0]! <= from) list.shift();
    return list;
  }

  private prune(now: number): void {
    for (const key of this.hits.keys()) if (this.recent(key, now).length === 0) this.hits.delete(key);
  }
}

export class LoginLimiter {
  /** 5 wrong passwords for one account in 15 minutes locks that account's logins for the rest of the window. */
  readonly account = new FailureWindow({ max: 5, windowMs: 15 * 60_000 });
  /** 30 failures from one address in 15 minutes (an office behind one NAT still gets through). */
  readonly ip = new FailureWindow({ max: 30, windowMs: 15 * 60_000 });

  constructor(readonly enabled = true) {}

  retryAfter(email: string, ip: string): number {
    if (!this.enabled) return 0;
    return Math.max(this.account.retryAfter(email), this.ip.retryAfter(ip));
  }

  failed(email: string, ip: string): void {
    if (!this.enabled) return;
    this.account.fail(email);
    this.ip.fail(ip);
  }

  succeeded(email: string): void {
    this.account.clear(email);
  }
}
