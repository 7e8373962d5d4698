import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsDemoUser, startApp, type RunningApp } from './harness';

/**
 * The first load, as a new user's browser sees it: what JavaScript each first route downloads
 * (compressed, as the real server sends it), how much the page moves while it loads, and that
 * nothing is fetched from outside the app (a closed health network cannot reach other hosts).
 * BENCHMARKS.md records the figures this prints.
 */
const BUDGET_KB = 170;
const MAX_CLS = 0.1;

/** Lighthouse's mobile screen (Moto G Power) and a laptop's. */
const VIEWPORTS = {
  mobile: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true },
  desktop: { viewport: { width: 1350, height: 940 } },
} as const;

interface FirstLoad {
  /** Compressed bytes of every JavaScript file the page loaded (transfer body size). */
  jsBytes: number;
  jsFiles: { name: string; bytes: number; encoding: string }[];
  cls: number;
  outsideRequests: string[];
  consoleErrors: string[];
}

/** Sums layout shifts not caused by input, from the start of the page (buffered entries). */
const clsObserver = () => {
  const w = window as unknown as { __cls: number };
  w.__cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number;
      hadRecentInput: boolean;
    }[])
      if (!entry.hadRecentInput) w.__cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

describe('the first load of each first route', () => {
  let app: RunningApp;
  let browser: Browser;
  const figures: string[] = [];

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO_REFERRALS: '1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    if (figures.length) console.log(`First load (compressed JS, CLS):\n${figures.join('\n')}`);
    await browser?.close();
    await app?.stop();
  });

  /**
   * Opens `path` in a fresh browser context (empty cache, as a first visit), waits for `ready`
   * and for the network to go quiet (so chunks loaded after the first render count too), and
   * reports what the page loaded. Any request to another host is refused and recorded.
   */
  async function firstLoad(
    path: string,
    viewport: keyof typeof VIEWPORTS,
    ready: (page: Page) => Promise<unknown>,
    signInAs?: string,
  ): Promise<FirstLoad> {
    const context: BrowserContext = await browser.newContext(VIEWPORTS[viewport]);
    try {
      const page = await context.newPage();
      if (signInAs) await signInAsDemoUser(page, app, signInAs);
      const outsideRequests: string[] = [];
      const consoleErrors: string[] = [];
      const origin = new URL(app.url).origin;
      await context.route(
        (url) => url.origin !== origin,
        async (route) => {
          outsideRequests.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      const encodings = new Map<string, string>();
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) encodings.set(r.url(), r.headers()['content-encoding'] ?? '');
      });
      await page.addInitScript(clsObserver);
      await page.goto(`${app.url}${path}`);
      await ready(page);
      await page.waitForLoadState('networkidle');
      const jsFiles = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => new URL(e.name).pathname.endsWith('.js'))
          .map((e) => ({ name: e.name, bytes: e.encodedBodySize })),
      );
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      const load: FirstLoad = {
        jsBytes: jsFiles.reduce((sum, f) => sum + f.bytes, 0),
        jsFiles: jsFiles.map((f) => ({ ...f, encoding: encodings.get(f.name) ?? '' })),
        cls,
        outsideRequests,
        consoleErrors,
      };
      figures.push(
        `  ${path.padEnd(10)} ${viewport.padEnd(8)} ${(load.jsBytes / 1024).toFixed(1).padStart(6)} KB in ${jsFiles.length} files, CLS ${cls.toFixed(3)}`,
      );
      return load;
    } finally {
      await context.close();
    }
  }

  // Generous: the first page the server sends after starting is slow on a busy 2-core machine.
  const h1 = (name: RegExp | string) => (page: Page) =>
    page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 90_000 });

  const routes = [
    { path: '/sign-in', ready: h1('Sign in to open-ers') },
    // The start page of a GP: its worklist tiles, with their counts, are what load last.
    {
      path: '/',
      ready: async (page: Page) => {
        await h1(/^Worklists/)(page);
        await page.getByTestId('tile-count').first().waitFor({ timeout: 90_000 });
      },
      signInAs: 'rc.leeds',
    },
    { path: '/search', ready: h1('Find a service'), signInAs: 'rc.leeds' },
  ];

  for (const route of routes) {
    for (const viewport of ['mobile', 'desktop'] as const) {
      it(`${route.path} (${viewport}): at most ${BUDGET_KB} KB of compressed JavaScript, layout shift at most ${MAX_CLS}, nothing from outside`, async () => {
        const load = await firstLoad(route.path, viewport, route.ready, route.signInAs);
        // Every script but the smallest (not worth compressing) came compressed, as the server
        // sends it to a browser.
        for (const file of load.jsFiles.filter((f) => f.bytes > 1024))
          expect(file.encoding, file.name).toMatch(/^(br|gzip)$/);
        expect(load.jsBytes).toBeGreaterThan(50 * 1024); // the measurement saw the app itself
        expect(load.jsBytes / 1024).toBeLessThanOrEqual(BUDGET_KB);
        expect(load.cls).toBeLessThanOrEqual(MAX_CLS);
        expect(load.outsideRequests).toEqual([]);
        expect(load.consoleErrors).toEqual([]);
      }, 120_000);
    }
  }

  it('renders the sign-in page in the fallback font, with no request to an outside host', async () => {
    const context = await browser.newContext(VIEWPORTS.mobile);
    try {
      const page = await context.newPage();
      const outside: string[] = [];
      // As on a closed network: no other host answers.
      await context.route(
        (url) => url.origin !== new URL(app.url).origin,
        async (route) => {
          outside.push(route.request().url());
          await route.abort('internetdisconnected');
        },
      );
      await page.goto(`${app.url}/sign-in`);
      await h1('Sign in to open-ers')(page);
      await page.waitForLoadState('networkidle');
      expect(outside).toEqual([]);
      const font = await page.evaluate(
        () => getComputedStyle(document.querySelector('h1')!).fontFamily,
      );
      expect(font.toLowerCase()).toMatch(/^arial\b/);
      // No web font was asked for at all, so none can block text or swap in later.
      const fonts = await page.evaluate(() => [...document.fonts].map((f) => f.family));
      expect(fonts).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has a favicon of its own', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/sign-in`);
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(href).toBeTruthy();
      const icon = await fetch(new URL(href!, app.url));
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    } finally {
      await context.close();
    }
  });

  it('moves focus to the sign-in heading without drawing a box around it', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // A new user opens the app's address and is sent on to sign in.
      await page.goto(`${app.url}/`);
      await h1('Sign in to open-ers')(page);
      await page.waitForURL(/\/sign-in/);
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          tag: el.tagName,
          outline: style.outlineStyle === 'none' || style.outlineWidth === '0px',
          boxShadow: style.boxShadow,
        };
      });
      // Screen readers start at the new page's heading …
      expect(focused.tag).toBe('H1');
      // … and sighted users see no focus box on something they cannot act on.
      expect(focused).toEqual({ tag: 'H1', outline: true, boxShadow: 'none' });
    } finally {
      await context.close();
    }
  });
});
