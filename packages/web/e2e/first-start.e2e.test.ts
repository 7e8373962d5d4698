import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * A newcomer's first start: `pnpm start` as the README gives it, on a scratch database and port.
 * It says what it is doing in a few plain lines, ends in the banner, and stops cleanly on Ctrl-C
 * (exit code 0, one line, no package-manager error).
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const scratch: string[] = [];
const running: ChildProcess[] = [];
afterEach(() => {
  // A run that failed part way must not leave its server behind.
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  }
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(command: string, args: string[]): Started {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'open-ers-start-'));
  scratch.push(dataDir);
  let output = '';
  const child = spawn(command, args, {
    cwd: repoRoot,
    // Its own process group, like a terminal's foreground job: Ctrl-C reaches every process in it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dataDir, 'open-ers.sqlite'),
      DATABASE_URL: '',
      // As a newcomer runs it: no log level or NODE_ENV of their own (the test runner sets one).
      LOG_LEVEL: undefined,
      NODE_ENV: undefined,
    },
  });
  running.push(child);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

/** Waits until the banner's last line is printed (or the launcher exits). */
async function untilBanner(run: Started): Promise<string> {
  // The banner's last line says where to go (seed/demo-guide.ts).
  const banner = /Open http:\/\/localhost:\d+\/ and sign in.*\n/;
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (banner.test(run.output())) resolve();
    };
    run.child.stdout!.on('data', check);
    void run.exited.then((code) => reject(new Error(`exited with ${code}:\n${run.output()}`)));
    check();
  });
  return run.output();
}

describe('pnpm start', () => {
  it('builds quietly, says what it is doing, ends in the banner and stops cleanly on Ctrl-C', async () => {
    const run = start('pnpm', ['start']);
    const output = await untilBanner(run);
    const beforeBanner = output.slice(0, output.indexOf('open-ers is running at'));
    const lines = beforeBanner.split('\n').filter((l) => l.trim() !== '');
    // pnpm's two-line header ("> open-ers@ start …"), then the launcher's plain steps.
    expect(lines.filter((l) => !l.startsWith('>'))).toEqual([
      'Building open-ers (the domain rules, the API server and the web app)…',
      'Starting the server (the first start creates the database and loads the demo data)…',
    ]);
    expect(output).not.toMatch(/warn|deprecat|error|larger than/i);
    expect(output).not.toMatch(/^\s*\{/m); // no raw JSON log line
    expect(output).toMatch(/open-ers is running at http:\/\/localhost:\d+\//);

    // Ctrl-C in a terminal: SIGINT to the whole process group (pnpm, the launcher, the server).
    process.kill(-run.child.pid!, 'SIGINT');
    expect(await run.exited).toBe(0);
    const after = run.output().slice(output.length);
    expect(after.trim()).toBe('open-ers stopped.');
    expect(run.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM/);
  }, 300_000);

  it('stops cleanly on SIGTERM (as a service manager stops it), exit code 0', async () => {
    const run = start(process.execPath, ['scripts/start.mjs', '--no-build']);
    const output = await untilBanner(run);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output().slice(output.length).trim()).toBe('open-ers stopped.');
  }, 120_000);
});
