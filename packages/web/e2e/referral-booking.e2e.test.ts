import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseWithKeyboard,
  expectNoAxeViolations,
  launchBrowser,
  startApp,
  tabTo,
  ubrnFromUrl,
  type RunningApp,
} from './harness';

/**
 * Journey (a), driven by the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys and
 * typing; no mouse): a GP finds a patient, searches, shortlists, creates a referral and books a
 * slot with the letter to follow; the provider clinician, watching their worklists, sees it
 * arrive and opens it from Referrals for review, where it cannot be accepted until the GP attaches
 * the letter; then accepts it; the GP's open summary shows the new state without a reload. Every page visited is checked with axe-core.
 */
describe('journey (a): refer, book and accept, by keyboard', () => {
  let app: RunningApp;
  let browser: Browser;
  let gpContext: BrowserContext;
  let providerContext: BrowserContext;
  let gp: Page;
  let provider: Page;
  let ubrn = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    gpContext = await browser.newContext();
    providerContext = await browser.newContext();
    gp = await gpContext.newPage();
    provider = await providerContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signInByKeyboard(page: Page, username: string) {
    await page.goto(`${app.url}/`);
    // Signed out, the start page sends the user to sign in and back.
    await page.getByRole('heading', { level: 1, name: 'Sign in to open-ers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectNoAxeViolations(page, 'the sign-in page');
    await tabTo(page, page.getByLabel('Username'));
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('open-ers-demo');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Worklists/ }).waitFor();
  }

  it('the provider clinician signs in and watches Referrals for review', async () => {
    await signInByKeyboard(provider, 'spc.leeds');
    await expect
      .poll(() => provider.getByTestId('acting-role').textContent())
      .toContain('Service provider clinician, Leeds Hospitals NHS Foundation Trust (R00)');
    const tile = provider.getByTestId('tile-REFERRALS_FOR_REVIEW');
    expect(await tile.getByTestId('tile-count').textContent()).toMatch(/^0/);
    await expectNoAxeViolations(provider, 'the provider start page');
  });

  it('the GP signs in, and finds the patient by NHS number typed with spaces added', async () => {
    await signInByKeyboard(gp, 'rc.leeds');
    expect(await gp.getByTestId('acting-role').textContent()).toContain(
      'Referring clinician, Bridge Medical Practice (A80000)',
    );
    await expectNoAxeViolations(gp, 'the GP start page');

    await tabTo(gp, gp.getByRole('link', { name: 'Start a new referral' }));
    await gp.keyboard.press('Enter');
    await gp.getByRole('heading', { level: 1, name: 'Find the patient' }).waitFor();
    // Focus moves to the new page's heading.
    expect(await gp.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expectNoAxeViolations(gp, 'find the patient');

    await tabTo(gp, gp.getByLabel('NHS number'));
    await gp.keyboard.type('9990000026');
    expect(await gp.getByLabel('NHS number').inputValue()).toBe('999 000 0026');
    await gp.keyboard.press('Enter');
    await gp.getByRole('heading', { name: 'Patient found' }).waitFor();
    expect(await gp.locator('main').textContent()).toContain('Margaret Thompson');
    await expectNoAxeViolations(gp, 'the patient found');
  });

  it('searches cardiology by earliest appointment and shortlists the arrhythmia clinic', async () => {
    await tabTo(gp, gp.getByRole('button', { name: 'Refer Margaret Thompson' }));
    await gp.keyboard.press('Enter');
    await gp.getByRole('heading', { level: 1, name: 'Choose services' }).waitFor();
    await expectNoAxeViolations(gp, 'choose services');

    // Priority: Tab into the radios (the first, Routine, takes focus) and Space to choose it.
    await tabTo(gp, gp.getByLabel('Routine'));
    await gp.keyboard.press('Space');
    await chooseWithKeyboard(gp, gp.getByLabel('Specialty'), 'Cardiology');
    await tabTo(gp, gp.getByLabel('Distance', { exact: true }));
    await gp.keyboard.press('ArrowDown'); // Earliest appointment
    expect(await gp.getByLabel('Earliest appointment').isChecked()).toBe(true);
    await tabTo(gp, gp.getByRole('button', { name: 'Search', exact: true }));
    await gp.keyboard.press('Enter');

    await gp.getByRole('heading', { level: 2, name: /services? found$/ }).waitFor();
    const card = gp
      .getByTestId('service-result')
      .filter({ hasText: 'Arrhythmia Clinic - Leeds General Hospital (demo)' });
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/Distance\d/);
    expect(text).toMatch(/Earliest appointment\d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ \d{4}/);
    expect(text).toMatch(/Indicative wait(Same day|\d+ days?)/);
    await expectNoAxeViolations(gp, 'the search results');

    await tabTo(gp, card.getByRole('button', { name: /^Add .* to shortlist$/ }));
    await gp.keyboard.press('Enter');
    await card.getByRole('button', { name: /^Remove .* from shortlist$/ }).waitFor();
    expect(await gp.getByTestId('shortlist').textContent()).toContain(
      'Arrhythmia Clinic - Leeds General Hospital (demo)',
    );
    await expectNoAxeViolations(gp, 'the search results with a shortlist');
  });

  it('creates the referral with the letter to follow', async () => {
    await tabTo(gp, gp.getByRole('button', { name: 'Continue' }), { backwards: true });
    await gp.keyboard.press('Enter');
    await gp.getByRole('heading', { level: 1, name: 'Referral details' }).waitFor();
    await expectNoAxeViolations(gp, 'referral details');

    await tabTo(gp, gp.getByRole('textbox', { name: 'Clinical information' }));
    await gp.keyboard.type('Palpitations for three months; ECG shows occasional ectopics.');
    await tabTo(gp, gp.getByLabel('Attach it now'));
    await gp.keyboard.press('ArrowDown'); // The letter will follow
    expect(await gp.getByLabel('The letter will follow').isChecked()).toBe(true);
    // Offered the latest due date a routine referral allows (3 working days).
    expect(await gp.getByLabel('Date the letter is due').inputValue()).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    await tabTo(gp, gp.getByRole('button', { name: 'Create referral' }));
    await gp.keyboard.press('Enter');

    await gp.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    ubrn = await ubrnFromUrl(gp);
    expect(await gp.locator('.nhsuk-notification-banner').textContent()).toContain(
      `Booking reference ${ubrn.slice(0, 4)} ${ubrn.slice(4, 8)} ${ubrn.slice(8)}`,
    );
  });

  it('holds a slot from the calendar, sees the countdown, and books it', async () => {
    await gp.getByTestId('slot-calendar').waitFor();
    await expectNoAxeViolations(gp, 'the appointment calendar');
    // The times are one set of radios: Tab reaches the first, arrow keys move between them.
    const first = gp.locator('input[name="slot"]').first();
    await tabTo(gp, first);
    await gp.keyboard.press('ArrowRight');
    const chosen = gp.locator('input[name="slot"]').nth(1);
    expect(await chosen.isChecked()).toBe(true);
    await tabTo(gp, gp.getByRole('button', { name: 'Hold this appointment' }));
    await gp.keyboard.press('Enter');

    await gp.getByRole('heading', { name: 'Appointment held' }).waitFor();
    const countdown = gp.getByTestId('hold-countdown');
    const before = (await countdown.textContent()) ?? '';
    expect(before).toMatch(/^[0-5]:\d\d$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(before);
    await expectNoAxeViolations(gp, 'the held appointment');

    await tabTo(gp, gp.getByRole('button', { name: 'Confirm booking' }));
    await gp.keyboard.press('Enter');
    await gp.getByRole('heading', { level: 1, name: 'Appointment booked' }).waitFor();
    expect(await gp.getByTestId('confirmation-ubrn').textContent()).toBe(
      `${ubrn.slice(0, 4)} ${ubrn.slice(4, 8)} ${ubrn.slice(8)}`,
    );
    expect(await gp.getByTestId('confirmation-access-code').textContent()).toMatch(
      /^[0-9A-Z]{4} [0-9A-Z]{4}$/,
    );
    await expectNoAxeViolations(gp, 'the booking confirmation');
  });

  it('shows the booked referral on its summary page', async () => {
    await tabTo(gp, gp.getByRole('link', { name: 'View the referral' }));
    await gp.keyboard.press('Enter');
    await gp.getByTestId('referral-state').waitFor();
    expect(await gp.getByTestId('referral-state').textContent()).toBe('Booked');
    // One time range, day first: "Monday 7 December 2026, 9:15am to 9:30am".
    expect(await gp.getByTestId('appointment-time').textContent()).toMatch(
      /^\w+day \d{1,2} \w+ \d{4}, \d{1,2}(:\d{2})?[ap]m to \d{1,2}(:\d{2})?[ap]m$/,
    );
    expect(await gp.getByTestId('history').textContent()).toContain('Book an appointment');
    await expectNoAxeViolations(gp, 'the referral summary (GP)');
    // Marks this page load, to show later that the new state arrived without a reload.
    await gp.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  });

  it('the referral reaches the provider’s Referrals for review live; with its letter still to follow they cannot accept it', async () => {
    const tile = provider.getByTestId('tile-REFERRALS_FOR_REVIEW');
    await expect.poll(() => tile.getByTestId('tile-count').textContent()).toMatch(/^1/);

    await tabTo(provider, tile.getByRole('link', { name: 'Referrals for review' }));
    await provider.keyboard.press('Enter');
    await provider.getByRole('heading', { level: 1, name: 'Referrals for review' }).waitFor();
    await provider.getByTestId('worklist-row').first().waitFor();
    await expectNoAxeViolations(provider, 'Referrals for review');

    const formatted = `${ubrn.slice(0, 4)} ${ubrn.slice(4, 8)} ${ubrn.slice(8)}`;
    await tabTo(provider, provider.getByRole('link', { name: new RegExp(`^${formatted}`) }));
    await provider.keyboard.press('Enter');
    await provider.getByTestId('referral-state').waitFor();
    expect(await provider.getByTestId('clinical-information').textContent()).toContain(
      'Palpitations',
    );
    await expectNoAxeViolations(provider, 'the referral summary (provider)');
    expect(await provider.getByTestId('letter-outstanding').textContent()).toMatch(
      /Letter to follow, due \w+day .* The provider cannot accept this referral until the letter is attached\./,
    );
    expect(await provider.getByRole('link', { name: 'Accept referral' }).count()).toBe(0);
  });

  it('the GP attaches the letter, and the provider then accepts the referral', async () => {
    await tabTo(gp, gp.getByRole('link', { name: 'Attach referral letter' }));
    await gp.keyboard.press('Enter');
    await gp.getByLabel('Referral letter', { exact: true }).setInputFiles({
      name: 'referral-letter.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Dear colleague, please see Mrs Thompson about her palpitations.'),
    });
    await tabTo(gp, gp.getByRole('button', { name: 'Attach letter' }));
    await gp.keyboard.press('Enter');
    await gp.getByRole('heading', { name: 'Referral letter attached' }).waitFor();

    // The provider's summary follows the change live: the warning goes, Accept is offered.
    await provider.getByRole('link', { name: 'Accept referral' }).waitFor({ timeout: 15_000 });
    expect(await provider.getByTestId('letter-outstanding').count()).toBe(0);
    await tabTo(provider, provider.getByRole('link', { name: 'Accept referral' }));
    await provider.keyboard.press('Enter');
    await provider.getByRole('heading', { level: 1, name: 'Accept the referral' }).waitFor();
    await expectNoAxeViolations(provider, 'accept the referral');
    await tabTo(provider, provider.getByLabel('Comment for the referrer (optional)'));
    await provider.keyboard.type('Seen the ECG. Happy to see her in clinic.');
    await tabTo(provider, provider.getByRole('button', { name: 'Accept referral' }));
    await provider.keyboard.press('Enter');

    await provider.getByRole('heading', { name: 'Referral accepted' }).waitFor();
    expect(await provider.getByTestId('referral-state').textContent()).toBe('Accepted');
    await expectNoAxeViolations(provider, 'the accepted referral (provider)');
  });

  it('the GP sees the referral accepted without reloading', async () => {
    await expect
      .poll(() => gp.getByTestId('referral-state').textContent(), { timeout: 15_000 })
      .toBe('Accepted');
    expect(
      await gp.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    expect(await gp.getByTestId('state-comment').textContent()).toContain('Happy to see her');
    await expectNoAxeViolations(gp, 'the accepted referral (GP)');
  });
});
