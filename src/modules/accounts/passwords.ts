/**
 * Password hashing with scrypt (node:crypto, no native add-on).
 * Stored as `scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>` so the cost can
 * be raised later and old hashes still verify.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** OWASP's scrypt minimum: N=2^17, r=8, p=1 (128 MiB). Tests may lower it via RUAMJAI_SCRYPT_LOG_N. */
const DEFAULT_LOG_N = 17;
const R = 8;
const P = 1;
const KEYLEN = 32;

function costLogN(): number {
  const v = Number(process.env.RUAMJAI_SCRYPT_LOG_N);
  return Number.isInteger(v) && v >= 10 && v <= 20 ? v : DEFAULT_LOG_N;
}

function options(logN: number, r: number, p: number): ScryptOptions {
  return { N: 2 ** logN, r, p, maxmem: 128 * r * 2 ** logN * 2 + 1024 * 1024 };
}

export const PASSWORD_MIN_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const logN = costLogN();
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, options(logN, R, P));
  return ['scrypt', logN, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, options(Number(logN), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(12).toString('hex'));
  await verifyPassword(password, await dummy);
}

/** A readable random password (printed once for the first admin). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
