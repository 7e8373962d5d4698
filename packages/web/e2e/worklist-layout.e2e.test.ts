import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  signInThroughPage,
  startApp,
  type RunningApp,
} from './harness';

/** Desktop and phone (an iPhone SE / 13 mini is 375 CSS pixels wide). */
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 812 },
] as const;

/** Identifiers and dates on a worklist row: each must sit on one line. */
const ONE_PIECE = '[data-testid="nhs-number"], [data-testid="ubrn"], [data-testid="date"]';

/** Every identifier and date in the page, with how many lines it takes (its line boxes). */
function linesOfEach(page: Page) {
  return page.locator(ONE_PIECE).evaluateAll((elements) =>
    elements.map((el) => ({
      text: el.textContent ?? '',
      // An inline element broken over lines has one client rect per line.
      lines: el.getClientRects().length,
    })),
  );
}

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
function sidewaysOverflow(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * Issue 11 item 8: NHS numbers, UBRNs and dates were broken over lines ("999 093 / 1577",
 * "28 / November / 2026"). In Chromium at desktop and phone widths, each stays on one line, and
 * at phone width the table is a list of rows with nothing to scroll sideways.
 */
describe('worklist layout at desktop and phone widths', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    // The demo's sample referrals fill the worklists.
    app = await startApp({ SEED_DEMO_REFERRALS: '1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const size of WIDTHS) {
    for (const [username, worklist] of [
      ['spc.leeds', 'REFERRALS_FOR_REVIEW'],
      ['rc.leeds', 'AWAITING_BOOKING'],
    ] as const) {
      it(`${worklist} for ${username} at ${size.width}px (${size.name})`, async () => {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
        });
        const page = await context.newPage();
        try {
          await signInThroughPage(page, app, username);
          await page.goto(`${app.url}/worklists/${worklist}`);
          await page.getByTestId('worklist-row').first().waitFor();

          const pieces = await linesOfEach(page);
          const rows = await page.getByTestId('worklist-row').count();
          // Every row shows its patient's NHS number, its UBRN and the date it reached its state.
          expect(pieces.filter((p) => /^\d{3} \d{3} \d{4}$/.test(p.text)).length).toBe(rows);
          expect(pieces.filter((p) => /^\d{4} \d{4} \d{4}$/.test(p.text)).length).toBe(rows);
          expect(
            pieces.filter((p) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(p.text)).length,
          ).toBeGreaterThanOrEqual(rows);
          expect(pieces.filter((p) => p.lines !== 1)).toEqual([]);

          // The referring clinician is named on the rows.
          expect(await page.getByTestId('referred-by').first().textContent()).toMatch(
            /Dr Asha Patel/,
          );
          expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

          const display = await page
            .getByTestId('worklist-row')
            .first()
            .evaluate((row) => getComputedStyle(row).display);
          if (size.name === 'phone') {
            // A list: each row is a block, its cells labelled, the column headings hidden.
            expect(display).toBe('block');
            expect(
              await page
                .getByTestId('worklist-row')
                .first()
                .locator('.nhsuk-table__heading')
                .first()
                .isVisible(),
            ).toBe(true);
          } else {
            expect(display).toBe('table-row');
          }
          await expectNoAxeViolations(page, `${worklist} at ${size.width}px`);

          if (username === 'spc.leeds' && size.name === 'phone') {
            // The access log on a referral's summary fits a phone too.
            await page.getByTestId('worklist-row').first().getByRole('link').click();
            await page.getByTestId('referral-state').waitFor();
            await page.getByRole('button', { name: 'Show the access log' }).click();
            await page.getByTestId('access-log').waitFor();
            expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
            // Every entry's contents are within the window: nothing to scroll sideways to read.
            const beyond = await page
              .getByTestId('access-log')
              .locator('td > *')
              .evaluateAll((els) =>
                els
                  .filter(
                    (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth,
                  )
                  .map((el) => el.textContent),
              );
            expect(beyond).toEqual([]);
            expect(
              await page
                .getByTestId('access-log')
                .locator('tbody tr')
                .first()
                .evaluate((row) => getComputedStyle(row).display),
            ).toBe('block');
            await expectNoAxeViolations(page, `the access log at ${size.width}px`);
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
