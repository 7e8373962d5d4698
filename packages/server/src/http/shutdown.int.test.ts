import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_PACKAGE_ROOT } from '../config.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.js';
import { TEST_DB_KIND } from '../test/test-database.js';

/**
 * The server process as `pnpm start` runs it: on SIGTERM it drains and exits by itself (a
 * regression test: Apollo's own signal handlers once re-raised the signal into ours, which
 * ignored it, and the process kept running after the drain).
 */
describe('shutting down', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase(TEST_DB_KIND, process.env.TEST_DATABASE_URL);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it('drains and exits with code 0 on SIGTERM, having gone unready first', async () => {
    const env =
      scratch.config.kind === 'postgresql'
        ? { DATABASE_URL: scratch.config.url, SEED_DEMO: '0' }
        : { DATABASE_URL: '', SQLITE_PATH: scratch.config.path, SEED_DEMO: '0' };
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@open-ers/source',
        path.join(SERVER_PACKAGE_ROOT, 'src', 'main.ts'),
      ],
      {
        cwd: SERVER_PACKAGE_ROOT,
        env: {
          ...process.env,
          ...env,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          WEB_DIST: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 60_000);
        child.stdout.on('data', () => {
          const match = /running at (http:\/\/localhost:\d+)\//.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) =>
          setTimeout(() => resolve('still running'), 15_000),
        ),
      ]);
      expect(code).toBe(0);
      expect(output).toContain('shutting down: draining requests');
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
