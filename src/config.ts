/**
 * Every setting Ruamjai reads, from the environment, validated at start-up.
 * A bad value stops the process with every problem listed at once.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  /** HTTP port of the app. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address the HTTP server binds to. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where the embedded PostgreSQL keeps its files (and other local state). */
  DATA_DIR: z.string().min(1).default('./data'),
  /** An external PostgreSQL (>= 15); when unset the embedded server is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Email of the system administrator created on first start. */
  RUAMJAI_ADMIN_EMAIL: z.string().email().default('admin@ruamjai.local'),
  /** Password of that administrator; generated and printed once when unset. */
  RUAMJAI_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Load the Songkhla demo network into an empty database. */
  RUAMJAI_DEMO: bool.default(false),
  /** Minutes a session may stay unused before it ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(12 * 60),
  /** Hours after which a session ends however busy it is. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(14 * 24),
  /** Set when a TLS-terminating proxy is in front: cookies become Secure and X-Forwarded-* is trusted. */
  TRUST_PROXY: bool.default(false),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Log level of the app. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outgoing mail for notifications, e.g. smtp://user:pass@mail.example.org:587 (unset: no email). */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  /** Sender address of notification emails. */
  MAIL_FROM: z.string().min(3).default('Ruamjai <noreply@ruamjai.local>'),
  /** LINE Messaging API channel access token (unset: no LINE pushes). */
  LINE_CHANNEL_TOKEN: z.string().min(10).optional(),
  /** Base URL of the LINE Messaging API (tests point it at a local server). */
  LINE_API_URL: z.string().url().default('https://api.line.me'),
  /** Public address of the app, for links in emails and LINE messages. */
  PUBLIC_URL: z.string().url().optional(),
  /** Background work (reminders, notification delivery) in this process. */
  RUAMJAI_JOBS: bool.default(true),
  /** Turns off login rate limits: only for test configurations. */
  RUAMJAI_DISABLE_RATE_LIMITS: bool.default(false),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  demo: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  bodyLimit: number;
  logLevel: string;
  rateLimits: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  lineToken: string | undefined;
  lineApiUrl: string;
  publicUrl: string | undefined;
  jobs: boolean;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration / การตั้งค่าไม่ถูกต้อง:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration; throws ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof z.input<typeof EnvSchema>, string>> = {}): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = (overrides as Record<string, string | undefined>)[key] ?? env[key];
    // An empty variable means "not set", as in most twelve-factor apps.
    raw[key] = v === '' ? undefined : v;
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(raw[String(i.path[0])])})`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminEmail: e.RUAMJAI_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.RUAMJAI_ADMIN_PASSWORD,
    demo: e.RUAMJAI_DEMO,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    trustProxy: e.TRUST_PROXY,
    bodyLimit: e.BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    rateLimits: !e.RUAMJAI_DISABLE_RATE_LIMITS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    lineToken: e.LINE_CHANNEL_TOKEN,
    lineApiUrl: e.LINE_API_URL.replace(/\/$/, ''),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    jobs: e.RUAMJAI_JOBS,
  };
}
