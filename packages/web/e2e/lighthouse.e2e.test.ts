import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, startApp, type RunningApp } from './harness';

/**
 * Lighthouse on the two first routes, mobile (its default: a mid-range phone on a slow 4G
 * network, simulated) and desktop. The scores are printed for BENCHMARKS.md.
 *
 * The test asserts the metrics that drive the performance score, not the score itself: on a
 * busy 2-core machine the measured CPU time (multiplied by 4 for the phone) varies from run to
 * run, and with it the score. On desktop each metric must be where Lighthouse gives it about 0.9
 * or more (the score is then 95 or more). On mobile only the layout shift is asserted: the target
 * of 95 is not met yet (BENCHMARKS.md: about 80, held back by the time to download and run the
 * app's JavaScript on a slow phone), and a threshold set to today's figures would assert nothing.
 */
type Metric =
  | 'first-contentful-paint'
  | 'largest-contentful-paint'
  | 'total-blocking-time'
  | 'cumulative-layout-shift';
const THRESHOLDS: Record<'mobile' | 'desktop', Partial<Record<Metric, number>>> = {
  // milliseconds (simulated), and CLS unitless
  desktop: {
    'first-contentful-paint': 1000,
    'largest-contentful-paint': 1300,
    'total-blocking-time': 150,
    'cumulative-layout-shift': 0.1,
  },
  mobile: { 'cumulative-layout-shift': 0.1 },
};

describe('Lighthouse on the first routes', () => {
  let app: RunningApp;
  let chrome: chromeLauncher.LaunchedChrome;
  const figures: string[] = [];

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO_REFERRALS: '1' });
    // Warm the server up (its first responses after starting are slow while Node compiles the
    // code paths): Lighthouse should measure the page, not the server's first second.
    const html = await (await fetch(`${app.url}/sign-in`)).text();
    for (const [, asset] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      await fetch(`${app.url}${asset}`, { headers: { 'accept-encoding': 'br' } });
    }
    await sessionCookie('rc.leeds');
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic'],
    });
  });

  afterAll(async () => {
    if (figures.length) console.log(`Lighthouse:\n${figures.join('\n')}`);
    await chrome?.kill();
    await app?.stop();
  });

  async function sessionCookie(username: string): Promise<string> {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ($u: String!) { signIn(username: $u, password: "open-ers-demo") { token } }',
        variables: { u: username },
      }),
    });
    const body = (await response.json()) as { data: { signIn: { token: string } } };
    return `open_ers_session=${body.data.signIn.token}`;
  }

  const pages = [
    { name: 'sign-in', path: '/sign-in' },
    { name: 'start page (GP)', path: '/', signInAs: 'rc.leeds' },
  ];

  for (const page of pages) {
    for (const form of ['mobile', 'desktop'] as const) {
      it(`${page.name}, ${form}`, async () => {
        const extraHeaders = page.signInAs
          ? { Cookie: await sessionCookie(page.signInAs) }
          : undefined;
        const result = await lighthouse(
          `${app.url}${page.path}`,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            ...(extraHeaders ? { extraHeaders } : {}),
          },
          form === 'desktop' ? desktopConfig : undefined,
        );
        const lhr = result!.lhr;
        const audits = lhr.audits;
        const score = Math.round((lhr.categories.performance!.score ?? 0) * 100);
        const metric = (id: Metric) => audits[id]!.numericValue!;
        figures.push(
          `  ${page.name.padEnd(16)} ${form.padEnd(8)} performance ${score}: FCP ${Math.round(metric('first-contentful-paint'))} ms, LCP ${Math.round(metric('largest-contentful-paint'))} ms, TBT ${Math.round(metric('total-blocking-time'))} ms, CLS ${metric('cumulative-layout-shift').toFixed(3)}`,
        );
        expect(lhr.runtimeError).toBeUndefined();
        // The page Lighthouse measured is the page itself, not a redirect to sign in.
        expect(new URL(lhr.finalDisplayedUrl).pathname).toBe(page.path);
        for (const [id, threshold] of Object.entries(THRESHOLDS[form]) as [Metric, number][]) {
          expect(metric(id), id).toBeLessThanOrEqual(threshold);
        }
      }, 180_000);
    }
  }
});
