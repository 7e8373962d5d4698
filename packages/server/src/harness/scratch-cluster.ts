import { execFile, execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL server that one harness owns: its own data folder, port and socket,
 * so it can be crashed and restarted without touching the machine's shared server.
 */
export interface ScratchCluster {
  readonly port: number;
  /** The cluster's data folder (inside {@link ScratchCluster.folder}). */
  readonly dataDir: string;
  /** The temporary folder holding everything: data, log, unix socket. */
  readonly folder: string;
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: trust auth, create databases from it. */
  readonly adminUrl: string;
  /** Starts the server and waits until it accepts connections. */
  start(): Promise<void>;
  /**
   * Stops the server: `fast` (the default) disconnects clients and shuts down cleanly;
   * `immediate` aborts every process without a checkpoint, as a crash would, and the next start
   * runs crash recovery from the write-ahead log.
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** A crash-like restart: an immediate stop, then a start (which replays the WAL). */
  restart(): Promise<void>;
  /** The end of the server's log, for error messages. */
  logTail(lines?: number): string;
  /** Stops the server (immediately) and deletes its folder. Safe to call twice. */
  remove(): Promise<void>;
}

/** Where this machine keeps PostgreSQL's server programs: the newest Debian install, or PATH. */
function serverBinary(name: 'initdb' | 'pg_ctl'): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin', name);
  }
  return name;
}

/**
 * initdb and postgres refuse to run as root: as root, run them as the `postgres` OS user (which
 * then owns the cluster's folder); as anyone else, run them directly.
 */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A TCP port nobody is listening on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Creates and starts a scratch PostgreSQL cluster in a new temporary folder: `initdb` with trust
 * authentication, listening on 127.0.0.1 at a free port with its unix socket in the folder.
 * Call `remove()` when done (also on failure); a process exit removes it too, as a last resort.
 */
export async function createScratchCluster(
  options: { log?: (line: string) => void } = {},
): Promise<ScratchCluster> {
  const user = serverUser();
  const folder = mkdtempSync(path.join(tmpdir(), 'open-ers-pg-'));
  const dataDir = path.join(folder, 'data');
  const logFile = path.join(folder, 'postgres.log');
  mkdirSync(dataDir, { mode: 0o700 });
  if (user) {
    chownSync(folder, user.uid, user.gid);
    chownSync(dataDir, user.uid, user.gid);
  }
  const exec = async (binary: 'initdb' | 'pg_ctl', args: string[]) => {
    const file = serverBinary(binary);
    const [command, commandArgs] = user
      ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
      : [file, args];
    try {
      await run(command, commandArgs, { cwd: folder, timeout: 120_000 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(
        `${binary} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}\n${tail()}`,
      );
    }
  };
  const tail = (lines = 20) =>
    existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n') : '';

  let port = 0;
  let removed = false;
  const stopNow = () => {
    // Last resort at process exit: synchronous, and quiet if the server is already down.
    try {
      const file = serverBinary('pg_ctl');
      const args = ['-D', dataDir, '-m', 'immediate', 'stop'];
      if (user)
        execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'ignore' });
      else execFileSync(file, args, { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(folder, { recursive: true, force: true });
  };
  // Interrupted (Ctrl-C, a CI timeout): exit, so that the exit handlers (this one, and the
  // harness's for its server processes) clean up.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  const forget = () => {
    process.removeListener('exit', stopNow);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('exit', stopNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const start = async () => {
    await exec('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '120',
      '-o',
      // fsync stays on: an acknowledged commit must survive the crash-like restart.
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      'start',
    ]);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await exec('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '120', 'stop']);
  };

  try {
    await exec('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    // Another process may take the port between probing and binding: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    forget();
    stopNow();
    throw error;
  }
  options.log?.(`scratch PostgreSQL cluster on port ${port} in ${folder}`);

  return {
    port,
    dataDir,
    folder,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async restart() {
      await stop('immediate');
      await start();
    },
    logTail: tail,
    async remove() {
      if (removed) return;
      removed = true;
      forget();
      try {
        await stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
