import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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
      // Journeys count worklist entries from zero; the demo's sample referrals would be in the way.
      SEED_DEMO_REFERRALS: '0',
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

/** Fails with the violations listed when axe-core finds any on the page as it is now. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`axe-core violations on ${where}:\n${JSON.stringify(violations, null, 2)}`);
  }
}

/**
 * Keyboard only: presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would
 * move through the page. Fails if it is not reached within `max` presses.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  await target.waitFor();
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.max ?? 200); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Could not reach ${target.toString()} with ${key}; focus is on ${focused}`);
}

/** Keyboard only: focuses a closed `<select>` and moves through it with arrow keys. */
export async function chooseWithKeyboard(page: Page, select: Locator, optionLabel: string) {
  await tabTo(page, select);
  const labels = await select.evaluate((el) =>
    [...(el as HTMLSelectElement).options].map((o) => o.label),
  );
  const target = labels.indexOf(optionLabel);
  if (target < 0) throw new Error(`No option ${optionLabel} in ${labels.join(', ')}`);
  const current = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  const key = target >= current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
  const chosen = await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label);
  if (chosen !== optionLabel) throw new Error(`Chose ${chosen}, not ${optionLabel}`);
}

/** Signs in through the sign-in page (with the mouse); lands on the start page. */
export async function signInThroughPage(page: Page, app: RunningApp, username: string) {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('open-ers-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Worklists/ }).waitFor();
}

/** The referral's booking reference as the page shows it, as 12 digits. */
export async function ubrnFromUrl(page: Page): Promise<string> {
  const match = /\/referrals\/(\d{12})/.exec(page.url());
  if (!match) throw new Error(`Not on a referral page: ${page.url()}`);
  return match[1]!;
}
