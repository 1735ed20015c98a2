/**
 * Session tokens and HTTP Basic credentials.
 *
 * A session token is 256 random bits sent as an HTTP-only cookie; the
 * database keeps only its sha256. Sessions end after an idle period and at
 * an absolute age; last_seen_at is written at most once a minute.
 *
 * HTTP Basic (API scripts, ODK Collect) must not cost a scrypt per request:
 * a verified credential is cached for a few minutes under a keyed hash of
 * email and password, together with the user's credentials_version, so a
 * password change or deactivation invalidates it on the next request.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'ruamjai_session';

export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

interface CachedCredential {
  userId: string;
  credentialsVersion: number;
  expiresAt: number;
  /** The caller as last loaded (memberships included), reused for a short while. */
  principal?: { value: unknown; until: number } | undefined;
}

export class BasicCredentialCache {
  /** Per-process secret: cache keys are useless outside this process. */
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, CachedCredential>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  private id(email: string, password: string): string {
    return createHmac('sha256', this.key).update(email).update('\0').update(password).digest('base64');
  }

  get(email: string, password: string, now = Date.now()): CachedCredential | undefined {
    const k = this.id(email, password);
    const e = this.entries.get(k);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.entries.delete(k);
      return undefined;
    }
    return e;
  }

  set(email: string, password: string, userId: string, credentialsVersion: number, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) {
      // Drop the oldest entry (Map keeps insertion order).
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.set(this.id(email, password), { userId, credentialsVersion, expiresAt: now + this.ttlMs });
  }

  forget(email: string, password: string): void {
    this.entries.delete(this.id(email, password));
  }

  /** Drops every cached credential of a user (password change, deactivation, new memberships). */
  forgetUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.userId === userId) this.entries.delete(k);
  }

  private readonly pending = new Map<string, Promise<unknown>>();

  /**
   * One password check per credential at a time: fifty phones of one
   * volunteer starting together wait for the first check instead of
   * running fifty scrypts.
   */
  once<T>(email: string, password: string, check: () => Promise<T>): Promise<T> {
    const k = this.id(email, password);
    const running = this.pending.get(k) as Promise<T> | undefined;
    if (running) return running;
    const p = check().finally(() => this.pending.delete(k));
    this.pending.set(k, p);
    return p;
  }
}

/** Parses `Authorization: Basic …`; undefined when absent or malformed. */
export function parseBasic(header: string | undefined): { email: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=._-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 1) return undefined;
  return { email: decoded.slice(0, i).trim().toLowerCase(), password: decoded.slice(i + 1) };
}
