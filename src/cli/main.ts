/**
 * Command line: serve (default), migrate, verify (audit chain).
 *   tsx src/cli/main.ts serve | migrate | verify
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { connect } from '../db/index.js';
import { migrate, MigrationError } from '../db/migrate.js';
import { verify } from '../modules/audit/queries.js';
import { loadReferenceAreas } from '../modules/areas/reference.js';
import { startDatabase, startServer } from '../server.js';

const log = (msg: string) => console.log(`[ruamjai] ${msg}`);

async function withDatabase<T>(config: Config, fn: (sql: ReturnType<typeof connect>) => Promise<T>): Promise<T> {
  const db = await startDatabase(config, log);
  const sql = connect(db.url, { max: 2 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
    await db.stop();
  }
}

async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const running = await startServer(config, log);
  log(`ready at ${running.url} in ${Date.now() - started} ms${running.db.embedded ? ' (embedded PostgreSQL)' : ''}`);
  let exiting = false;
  const shutdown = (signal: string) => {
    if (exiting) return;
    exiting = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    // Whatever happens, be gone within 10 s.
    const force = setTimeout(() => {
      console.error('[ruamjai] shutdown took too long; exiting');
      process.exit(1);
    }, 9_500);
    force.unref();
    running.stop().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        console.error('[ruamjai] error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

export async function runCli(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  try {
    switch (command) {
      case 'serve':
        await serve(config);
        return;
      case 'migrate': {
        const applied = await withDatabase(config, async (sql) => {
          const names = await migrate(sql);
          await loadReferenceAreas(sql);
          return names;
        });
        log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
        return;
      }
      case 'verify': {
        const res = await withDatabase(config, (sql) => verify(sql));
        if (res.ok) {
          log(`audit log intact: ${res.checked} entries verified / บันทึกการตรวจสอบครบถ้วน`);
        } else {
          console.error(`[ruamjai] AUDIT LOG TAMPERED / บันทึกการตรวจสอบถูกแก้ไข: ${res.reason} at entry ${res.brokenAt} (${res.checked} entries)`);
          process.exit(2);
        }
        return;
      }
      default:
        console.error(`unknown command ${command}; use serve, migrate or verify`);
        process.exit(64);
    }
  } catch (err) {
    if (err instanceof MigrationError) {
      console.error(`[ruamjai] ${err.message}`);
      console.error('[ruamjai] the database was left as it was before this migration');
    } else {
      console.error('[ruamjai] failed to start:', err instanceof Error ? (process.env.RUAMJAI_DEBUG ? err.stack : err.message) : err);
    }
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCli(process.argv.slice(2));
}
