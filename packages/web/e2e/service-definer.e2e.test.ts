import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  signInThroughPage,
  startApp,
  ubrnFromUrl,
  type RunningApp,
} from './harness';

const formatted = (ubrn: string) => `${ubrn.slice(0, 4)} ${ubrn.slice(4, 8)} ${ubrn.slice(8)}`;
/** Sorts first by name in search results, so the GP finds it on the first page. */
const SERVICE = 'A1 Rhythm Clinic - open-ers e2e';

/**
 * Issue 9's "Done means": the Leeds trust's service definer creates a service, adds a schedule,
 * previews and publishes 26 weeks of slots and publishes the service; a GP's search finds it
 * with its earliest slot; the definer amends it and sees the difference in the history; the GP
 * refers a patient to it and books; the definer cancels that session, and the referral reaches
 * the GP's Awaiting booking worklist as cancelled by the provider. axe checks every new page.
 */
describe('service definer: define, schedule, publish, amend, cancel a session', () => {
  let app: RunningApp;
  let browser: Browser;
  let sd: Page;
  let gp: Page;
  let serviceId = '';
  let clinicType = '';
  let ubrn = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    sd = await (await browser.newContext()).newPage();
    gp = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the definer signs in to their services, with a menu of services and sites', async () => {
    await sd.goto(`${app.url}/sign-in`);
    await sd.getByLabel('Username').fill('sd.leeds');
    await sd.getByLabel('Password').fill('open-ers-demo');
    await sd.getByRole('button', { name: 'Sign in' }).click();
    await sd.getByRole('heading', { level: 1, name: /^Services/ }).waitFor();
    expect(new URL(sd.url()).pathname).toBe('/services');
    expect(await sd.getByTestId('acting-role').textContent()).toContain(
      'Leeds Hospitals NHS Foundation Trust',
    );
    const menu = sd.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      'Services',
      'Sites',
      'Find a service',
    ]);
    await sd.getByTestId('services').waitFor();
    await expectNoAxeViolations(sd, 'the services list');
  });

  it('sees the sites, and an unknown postcode is an error on its field', async () => {
    await sd.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sites' }).click();
    await sd.getByRole('heading', { level: 1, name: /^Sites/ }).waitFor();
    await sd.getByTestId('sites').waitFor();
    await expectNoAxeViolations(sd, 'the sites list');
    await sd.getByRole('link', { name: 'Add a site' }).click();
    await sd.getByRole('heading', { level: 1, name: /^Add a site/ }).waitFor();
    await sd.getByLabel('Site code').fill('RR8E2');
    await sd.getByLabel('Site name').fill('Test Outpatients');
    await sd.getByLabel('Address').fill('1 Test Street');
    await sd.getByLabel('Town or city').fill('Leeds');
    await sd.getByLabel('Postcode').fill('ZZ9 9ZZ');
    await sd.getByRole('button', { name: 'Add site' }).click();
    const summary = sd.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#site-postcode');
    expect(await sd.locator('#site-postcode--error-message').count()).toBe(1);
    await expectNoAxeViolations(sd, 'the site form with a postcode error');
  });

  it('creates a service as a draft, the API’s problems shown on the fields', async () => {
    await sd
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Services' })
      .click();
    await sd.getByRole('link', { name: 'Create a service' }).click();
    await sd.getByRole('heading', { level: 1, name: /^Create a service/ }).waitFor();
    await expectNoAxeViolations(sd, 'the service definition form');

    // Nothing chosen: the API lists every problem, each on its field.
    await sd.getByRole('button', { name: 'Save as a draft' }).click();
    const summary = sd.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(
      await summary
        .getByRole('link')
        .evaluateAll((links) => links.map((l) => l.getAttribute('href'))),
    ).toContain('#service-name');
    expect(await sd.locator('#service-name--error-message').count()).toBe(1);
    await expectNoAxeViolations(sd, 'the service form with errors');

    await sd.getByLabel('Service name').fill(SERVICE);
    const site = sd.getByLabel('Site');
    await site.selectOption({ index: 1 });
    expect(await site.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.label)).toContain(
      'Leeds',
    );
    await sd.getByLabel('Specialty').selectOption({ label: 'Cardiology' });
    const clinic = sd.getByLabel('Clinic type');
    await clinic.selectOption({ index: 1 });
    clinicType = await clinic.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.label);
    await sd.getByLabel('Instructions for referrers (optional)').fill('Bring a list of medicines.');
    await sd.getByRole('button', { name: 'Add a clinician' }).click();
    await sd.getByLabel('Clinician 1 name').fill('Dr Ruth Evans');
    const preview = sd.getByTestId('preview');
    expect(await preview.getByRole('heading', { level: 3 }).textContent()).toBe(SERVICE);
    expect(await preview.textContent()).toContain('Bring a list of medicines.');
    await expectNoAxeViolations(sd, 'the service form filled in, with its preview');

    await sd.getByRole('button', { name: 'Save as a draft' }).click();
    await sd.getByRole('heading', { level: 1, name: new RegExp(`^${SERVICE}`) }).waitFor();
    serviceId = /\/services\/([^/]+)$/.exec(new URL(sd.url()).pathname)![1]!;
    expect(await sd.getByTestId('service-status').textContent()).toBe('Draft');
    expect(await sd.getByTestId('done-banner').textContent()).toContain('saved as a draft');
    await expectNoAxeViolations(sd, 'the draft service');
  });

  it('adds a weekday schedule, previews it and publishes 26 weeks of slots', async () => {
    await sd.getByRole('link', { name: 'Schedules and publishing' }).click();
    await sd.getByRole('heading', { level: 1, name: /Schedules/ }).waitFor();
    await expectNoAxeViolations(sd, 'the schedules page');

    await sd.getByLabel('Name of the session').fill('Weekday morning clinic');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await sd.getByLabel(day, { exact: true }).check();
    }
    await sd.getByLabel('Start time').first().fill('09:00');
    await sd.getByLabel('Session length').first().fill('180');
    await sd.getByLabel('Slot length').first().fill('15');
    await sd.getByLabel('Named clinician (optional)').selectOption({ label: 'Dr Ruth Evans' });
    await sd.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = sd.getByTestId('schedule-preview');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    const count = Number(/makes ([\d,]+) slots/.exec(text)![1]!.replace(/,/g, ''));
    // 12 slots a weekday for 26 weeks, less bank holidays and today's passed hours.
    expect(count).toBeGreaterThan(1200);
    expect(count).toBeLessThanOrEqual(26 * 5 * 12 + 12);
    expect(text).toMatch(/\w+day \d{1,2} \w+ \d{4}, 9am to 9:15am, Dr Ruth Evans/);
    await expectNoAxeViolations(sd, 'the schedule preview');

    await sd.getByRole('button', { name: 'Save template' }).click();
    await sd.getByTestId('done-banner').waitFor();
    await sd.getByTestId('template').filter({ hasText: 'Weekday morning clinic' }).waitFor();
    await sd.getByRole('button', { name: 'Publish slots' }).click();
    const result = sd.getByTestId('publication-result');
    await result.waitFor();
    const published = (await result.textContent()) ?? '';
    expect(Number(/([\d,]+) new slots published/.exec(published)![1]!.replace(/,/g, ''))).toBe(
      count,
    );
    expect(published).toMatch(/published up to \d{1,2} \w+ \d{4}/);
    await expectNoAxeViolations(sd, 'slots published');

    // Publishing again makes nothing twice.
    await sd.getByRole('button', { name: 'Publish slots' }).click();
    await expect
      .poll(() => result.textContent())
      .toMatch(new RegExp(`^.*0 new slots published; ${count.toLocaleString('en-GB')} already`));
  });

  it('publishes the service', async () => {
    await sd.getByRole('link', { name: 'Back to the service' }).click();
    await sd.getByRole('button', { name: 'Publish the service' }).click();
    await expect.poll(() => sd.getByTestId('service-status').textContent()).toBe('In effect');
    expect(await sd.getByTestId('done-banner').textContent()).toContain('Service published');
    await expectNoAxeViolations(sd, 'the published service');
  });

  it('a GP’s search near LS1 finds it, with its earliest slot', async () => {
    await signInThroughPage(gp, app, 'rc.leeds');
    await gp.getByRole('link', { name: 'Start a new referral' }).click();
    await gp.getByLabel('NHS number').fill('999 000 0026');
    await gp.getByRole('button', { name: 'Find patient' }).click();
    await gp.getByRole('button', { name: 'Refer Margaret Thompson' }).click();
    await gp.getByLabel('Routine').check();
    await gp.getByLabel('Specialty').selectOption({ label: 'Cardiology' });
    await gp.getByLabel('Clinic type (optional)').selectOption({ label: clinicType });
    await gp.getByLabel('Name', { exact: true }).check();
    await gp.getByRole('button', { name: 'Search', exact: true }).click();
    const card = gp.getByTestId('service-result').filter({ hasText: SERVICE });
    await card.waitFor();
    expect(await card.textContent()).toMatch(
      /Earliest appointment9(:\d\d)?am on \w+day \d{1,2} \w+ \d{4}/,
    );
  });

  it('the definer amends the service and sees the difference in the history', async () => {
    await sd.getByRole('link', { name: 'Amend the service' }).click();
    await sd.getByRole('heading', { level: 1, name: /Amend the service/ }).waitFor();
    await sd
      .getByLabel('Instructions for referrers (optional)')
      .fill('Bring a list of medicines and any ECGs.');
    await sd.getByRole('button', { name: 'Save changes' }).click();
    await sd.getByTestId('done-banner').waitFor();
    expect(await sd.getByTestId('done-banner').textContent()).toContain('Service amended');
    const latest = sd.getByTestId('service-version').first();
    // The newest version leads the history once the amendment is in (wait for it, not a time).
    await latest.getByText(/Amended/).waitFor();
    const history = (await latest.textContent()) ?? '';
    expect(history).toContain('Amended');
    expect(history).toContain('Rachel Green');
    const change = latest.getByRole('row').filter({ hasText: 'Bring a list' });
    expect(await change.getByRole('cell').allTextContents()).toEqual([
      'Bring a list of medicines.',
      'Bring a list of medicines and any ECGs.',
    ]);
    expect(await sd.getByTestId('service-version').count()).toBeGreaterThanOrEqual(3);
    await expectNoAxeViolations(sd, 'the amended service and its history');
  });

  it('the GP refers the patient to it and books a slot', async () => {
    const card = gp.getByTestId('service-result').filter({ hasText: SERVICE });
    await card.getByRole('button', { name: /^Add/ }).click();
    await gp.getByRole('button', { name: 'Continue' }).click();
    await gp.getByRole('textbox', { name: 'Clinical information' }).fill('Palpitations.');
    await gp.getByLabel('The letter will follow').check();
    await gp.getByRole('button', { name: 'Create referral' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    ubrn = await ubrnFromUrl(gp);
    await gp.getByTestId('slot-calendar').waitFor();
    await gp.locator('input[name="slot"]').first().check();
    await gp.getByRole('button', { name: 'Hold this appointment' }).click();
    await gp.getByRole('heading', { name: 'Appointment held' }).waitFor();
    await gp.getByRole('button', { name: 'Confirm booking' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Appointment booked' }).waitFor();
  });

  it('the definer cancels that session in the slot calendar, naming the referral', async () => {
    await sd.goto(`${app.url}/services/${serviceId}/slots?days=14`);
    await sd.getByRole('heading', { level: 1, name: /Slot calendar/ }).waitFor();
    await sd.getByTestId('slot-calendar').waitFor();
    await expectNoAxeViolations(sd, 'the slot calendar');

    const session = sd
      .getByTestId('calendar-session')
      .filter({ has: sd.locator('.nhsuk-tag', { hasText: /^Booked$/ }) });
    expect(await session.count()).toBe(1);
    await session.getByLabel(/^Select the .* session on /).check();
    expect(await sd.getByTestId('selected-count').textContent()).toBe('12 slots selected');
    await sd.getByLabel('Cancel', { exact: true }).check();
    await sd.getByRole('heading', { name: /Booked appointments will be cancelled/ }).waitFor();
    await sd.getByLabel('Reason').selectOption({ label: 'Clinic cancelled' });
    await sd.getByLabel(/^Comment/).fill('Consultant unwell.');
    await expectNoAxeViolations(sd, 'cancelling a session');
    await sd.getByRole('button', { name: 'Cancel slots' }).click();

    const done = sd.getByTestId('done-banner');
    await done.waitFor();
    expect(await done.textContent()).toContain('12 slots cancelled');
    expect(await sd.getByTestId('cancelled-referrals').textContent()).toContain(formatted(ubrn));
    await expectNoAxeViolations(sd, 'the cancelled session');
  });

  it('the referral reaches the GP’s Awaiting booking worklist, cancelled by the provider', async () => {
    await gp.goto(`${app.url}/worklists/AWAITING_BOOKING`);
    const row = gp.getByTestId('worklist-row').filter({ hasText: formatted(ubrn) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Appointment cancelled by provider');
    await row.getByRole('link').click();
    await expect
      .poll(() => gp.getByTestId('referral-state').textContent())
      .toBe('Appointment cancelled by provider');
  });
  it.each([
    ['commissioner.wy', 'Commissioner'],
    ['analyst.wy', 'Information analyst'],
  ])('%s lands on a start page for the role, not a permission error', async (username, role) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('open-ers-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${role}`) }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Home', 'Find a service']);
    expect(await page.getByText(/do not have permission/i).count()).toBe(0);
    await expectNoAxeViolations(page, `the ${role.toLowerCase()} start page`);
    await page.context().close();
  });
});
