import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  launchBrowser,
  signInAsDemoUser,
  startApp,
  type RunningApp,
} from './harness';

describe('Directory of Services search, end to end', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage();
    // Searching needs a signed-in user: a referring clinician at the Leeds demo practice.
    await signInAsDemoUser(page, app, 'rc.leeds');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('serves the search page on a fresh embedded database with demo data', async () => {
    await page.goto(`${app.url}/search`);
    await page.getByRole('heading', { level: 1, name: 'Find a service' }).waitFor();
    expect(app.output()).toContain('demo data loaded');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds services near the patient, nearest first, and pages through them', async () => {
    await page.goto(`${app.url}/search`);
    await page.getByLabel('Age in years').fill('54');
    await page.getByLabel('Female').check();
    await page.getByLabel('Postcode').fill('ls1 4ap');
    await page.getByLabel('Routine').check();
    await page.getByLabel('Specialty').selectOption({ label: 'Orthopaedics' });
    await page.getByRole('button', { name: 'Search' }).click();

    const heading = page.getByRole('heading', { level: 2, name: /services? found$/ });
    await heading.waitFor();
    // Typed in lower case, the postcode is kept and shown upper case.
    expect(await page.getByLabel('Postcode').inputValue()).toBe('LS1 4AP');
    const total = Number((await heading.textContent())!.split(' ')[0]);
    expect(total).toBeGreaterThan(10);

    const results = page.getByTestId('service-result');
    expect(await results.count()).toBe(10);
    const distances = await results.evaluateAll((items) =>
      items.map((li) => {
        const row = [...li.querySelectorAll('.nhsuk-summary-list__row')].find((r) =>
          r.textContent?.startsWith('Distance'),
        );
        return Number.parseFloat(row!.querySelector('dd')!.textContent!);
      }),
    );
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(await results.first().textContent()).toContain('Leeds');

    await page.getByRole('button', { name: /Show more services/ }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="service-result"]').length > 10,
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the server’s plain-English message beside the postcode it could not find', async () => {
    await page.goto(
      `${app.url}/search?age=54&sex=FEMALE&postcode=QQ1+1QQ&priority=ROUTINE&specialty=ORTHOPAEDICS`,
    );
    await page
      .getByText('We could not find that postcode. Check it and try again.')
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
