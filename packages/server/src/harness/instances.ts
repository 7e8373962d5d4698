/**
 * Server processes for the benchmarks and the resilience harnesses: the real `src/main.ts` in a
 * child process, as an operator runs it, so that signals, exits and several instances on one
 * database behave as they do in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SERVER_PACKAGE_ROOT } from '../config.js';

/** One running server process. */
export interface ServerInstance {
  /** Its base URL, for example `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code when the process ends (null when a signal killed it). */
  readonly exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends `signal` (default SIGTERM) unless it has already exited, and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How long a server may take to migrate and start listening. */
const START_TIMEOUT_MS = 120_000;

/**
 * Starts `src/main.ts` (through tsx, with the workspace's source condition) in a child process
 * with `env` added to `process.env` over these defaults: PORT=0, HOST=127.0.0.1, SEED_DEMO=0,
 * NODE_ENV=production, WEB_DIST='' and LOG_LEVEL=warn. Resolves once it prints its URL; rejects
 * (having killed it) if it exits first or does not start within two minutes.
 *
 * BENCH_PROFILE_DIR in this process's environment makes the server write a V8 CPU profile there
 * on exit; BENCH_SERVER_LOG=1 copies its output to this process's stderr as it comes.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { label?: string } = {},
): Promise<ServerInstance> {
  const settings: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    WEB_DIST: '',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      '--import',
      'tsx',
      '--conditions=@open-ers/source',
      path.join(SERVER_PACKAGE_ROOT, 'src', 'main.ts'),
    ],
    {
      cwd: SERVER_PACKAGE_ROOT,
      env: { ...process.env, ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const label = options.label ?? 'server';
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.BENCH_SERVER_LOG) process.stderr.write(`[${label}] ${chunk.toString()}`);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${label} did not start in time:\n${output}`)),
        START_TIMEOUT_MS,
      );
      child.stdout!.on('data', () => {
        const match = /running at http:\/\/localhost:(\d+)\//.exec(output);
        if (match) {
          clearTimeout(timer);
          // The banner says localhost; the harnesses talk to the address it listens on.
          const host = settings.HOST === '0.0.0.0' ? '127.0.0.1' : settings.HOST;
          resolve(`http://${host}:${match[1]}`);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited with ${code} before it started:\n${output}`));
      });
    });
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  }

  return {
    url,
    child,
    exited,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Resolves once `condition` holds, checking every `intervalMs` (default 50); rejects naming
 * `what` after `timeoutMs` (default 60 s). The harnesses wait for conditions, never fixed times.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
