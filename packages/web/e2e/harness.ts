import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const serverEntry = path.join(repoRoot, 'packages/server/dist/main.js');
const webIndex = path.join(repoRoot, 'packages/web/dist/index.html');

/** Debian's Chromium; tools that download their own browser cannot run on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningApp {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built server, exactly as `pnpm start` does, on a fresh embedded database in a
 * temporary folder and a free port, and waits until it is ready.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  for (const file of [serverEntry, webIndex]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: run \`pnpm build\` before the end-to-end tests`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'open-ers-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dataDir, 'open-ers.sqlite'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const check = () => {
      const match = /running at (http:\/\/localhost:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const ready = await fetch(`${url}/readyz`);
  if (!ready.ok) throw new Error(`server not ready: ${ready.status}`);

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in over the API as a demo user and gives the page's browser context the session
 * cookie, as the sign-in page will once the web app has one. Returns the session token.
 */
export async function signInAsDemoUser(
  page: Page,
  app: RunningApp,
  username: string,
  password = 'open-ers-demo',
): Promise<string> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }',
      variables: { u: username, p: password },
    }),
  });
  const body = (await response.json()) as { data?: { signIn: { token: string } } };
  if (!body.data) throw new Error(`sign-in as ${username} failed: ${JSON.stringify(body)}`);
  const token = body.data.signIn.token;
  await page
    .context()
    .addCookies([
      { name: 'open_ers_session', value: token, url: app.url, httpOnly: true, sameSite: 'Lax' },
    ]);
  return token;
}

/** Headless Chromium with the flags this sandbox needs (no sandboxing, no background traffic). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page against WCAG 2.2 A and AA and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}
