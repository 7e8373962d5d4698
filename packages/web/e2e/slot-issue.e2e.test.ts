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

/**
 * Journey (b): the shortlisted clinic has no appointments, so the GP defers the referral (with
 * the referral letter uploaded); the provider admin finds it on Appointment slot issues, sees no
 * clinical content, and books the patient into another of the trust's clinics.
 */
describe('journey (b): no slot available, defer, provider admin books', () => {
  let app: RunningApp;
  let browser: Browser;
  let gp: Page;
  let admin: Page;
  let ubrn = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    gp = await (await browser.newContext()).newPage();
    admin = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the GP refers David Okoro to the heart failure clinic, attaching the letter', async () => {
    await signInThroughPage(gp, app, 'rc.leeds');
    await gp.getByRole('link', { name: 'Start a new referral' }).click();
    await gp.getByLabel('NHS number').fill('999 000 0034');
    await gp.getByRole('button', { name: 'Find patient' }).click();
    await gp.getByRole('button', { name: 'Refer David Okoro' }).click();

    await gp.getByLabel('Urgent').check();
    await gp.getByLabel('Specialty').selectOption({ label: 'Cardiology' });
    await gp.getByLabel('Maximum wait').selectOption({ label: 'Up to 4 weeks' });
    await gp.getByRole('button', { name: 'Search', exact: true }).click();
    await gp.getByRole('heading', { level: 2, name: /services? found$/ }).waitFor();
    // A clinic with no appointments (and no published wait) has no known wait: a limit hides it.
    const names = await gp.getByTestId('service-result').getByRole('heading').allTextContents();
    expect(names).toContain('Arrhythmia Clinic - Leeds General Hospital (demo)');
    expect(names).not.toContain('Heart Failure Clinic - Leeds General Hospital (demo)');
    expect(new URL(gp.url()).searchParams.get('maxWait')).toBe('28');

    await gp.getByLabel('Maximum wait').selectOption({ label: 'Any wait' });
    await gp.getByRole('button', { name: 'Search', exact: true }).click();
    const clinic = gp
      .getByTestId('service-result')
      .filter({ hasText: 'Heart Failure Clinic - Leeds General Hospital (demo)' });
    await clinic.waitFor();
    expect(await clinic.textContent()).toContain('Earliest appointmentNone available to book');
    await clinic.getByRole('button', { name: /^Add/ }).click();
    await expectNoAxeViolations(gp, 'search results (journey b)');
    await gp.getByRole('button', { name: 'Continue' }).click();

    await gp.getByRole('textbox', { name: 'Clinical information' }).fill('Breathless on exertion.');
    await gp.getByLabel('Attach it now').check();
    await gp.getByLabel('Referral letter', { exact: true }).setInputFiles({
      name: 'referral-letter.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Dear colleague, please see Mr Okoro about his breathlessness.'),
    });
    await expectNoAxeViolations(gp, 'referral details with a letter');
    await gp.getByRole('button', { name: 'Create referral' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    ubrn = await ubrnFromUrl(gp);
  });

  it('finds no appointments and defers to the provider', async () => {
    await gp.getByTestId('no-slots').waitFor();
    expect(await gp.getByTestId('no-slots').textContent()).toContain(
      'There are no appointments you can book at this service.',
    );
    await expectNoAxeViolations(gp, 'no appointments');
    await gp.getByRole('button', { name: 'Defer to provider' }).click();
    await gp
      .getByRole('heading', { level: 1, name: 'Referral deferred to the provider' })
      .waitFor();
    expect(await gp.getByTestId('confirmation-ubrn').textContent()).toBe(formatted(ubrn));
    expect(await gp.locator('main').textContent()).toMatch(
      /Provider to contact the patient by\d{1,2} \w+ \d{4}/,
    );
    await expectNoAxeViolations(gp, 'deferral confirmation');
  });

  it('the provider admin sees it on Appointment slot issues, without clinical content', async () => {
    await signInThroughPage(admin, app, 'spa.leeds');
    const tile = admin.getByTestId('tile-APPOINTMENT_SLOT_ISSUES');
    expect(await tile.getByTestId('tile-count').textContent()).toMatch(/^1/);
    await tile.getByRole('link').click();
    await admin.getByRole('heading', { level: 1, name: 'Appointment slot issues' }).waitFor();
    const row = admin.getByTestId('worklist-row').filter({ hasText: formatted(ubrn) });
    expect(await row.textContent()).toContain('OKORO, David');
    expect(await row.textContent()).toContain('Deferred to provider');
    expect(await row.textContent()).toMatch(/Contact patient by \d{1,2} \w+ \d{4}/);
    await expectNoAxeViolations(admin, 'Appointment slot issues');

    await row.getByRole('link').click();
    await admin.getByTestId('referral-state').waitFor();
    expect(await admin.getByTestId('clinical-hidden').textContent()).toContain(
      'not shown to administrative roles',
    );
    expect(await admin.locator('main').textContent()).not.toContain('Breathless');
    expect(await admin.locator('main').textContent()).not.toContain('referral-letter.txt');
    // Only what an admin may do: book (no accept, reject or triage for an admin role).
    const actions = await admin.getByTestId('actions').getByRole('link').allTextContents();
    expect(actions).toEqual(['Book an appointment']);
    await expectNoAxeViolations(admin, 'the deferred referral (admin)');
  });

  it('books the patient into another of the trust’s clinics, with a redirect reason', async () => {
    await admin.getByRole('link', { name: 'Book an appointment' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    await admin.getByTestId('no-slots').waitFor();
    await admin.getByRole('button', { name: 'Book into another of your services' }).click();
    await admin
      .getByRole('link', {
        name: /^Show appointments at Arrhythmia Clinic - Leeds General Hospital \(demo\)/,
      })
      .click();
    await admin.getByTestId('slot-calendar').waitFor();
    expect(await admin.locator('main').textContent()).toContain(
      'Includes appointments reserved for your organisation.',
    );
    await expectNoAxeViolations(admin, 'the provider’s appointment calendar');

    await admin.locator('input[name="slot"]').first().check();
    // Moving it to another clinic needs a reason, asked before anything is held.
    await admin.getByRole('button', { name: 'Hold this appointment' }).click();
    await admin
      .getByRole('link', { name: 'Choose why the referral is going to a different service.' })
      .waitFor();
    await expectNoAxeViolations(admin, 'the calendar with a problem');
    await admin
      .getByLabel('Why is the referral going to a different service?')
      .selectOption({ label: 'More appropriate clinic' });
    await admin.getByRole('button', { name: 'Hold this appointment' }).click();
    await admin.getByRole('heading', { name: 'Appointment held' }).waitFor();
    await expectNoAxeViolations(admin, 'the held appointment (admin)');
    await admin.getByRole('button', { name: 'Confirm booking' }).click();

    await admin.getByRole('heading', { level: 1, name: 'Appointment booked' }).waitFor();
    // The patient's access code is for the referring practice only.
    expect(await admin.getByTestId('confirmation-access-code').count()).toBe(0);
    await expectNoAxeViolations(admin, 'booking confirmation (admin)');

    await admin.getByRole('link', { name: 'Go to your worklists' }).click();
    await expect
      .poll(() =>
        admin.getByTestId('tile-APPOINTMENT_SLOT_ISSUES').getByTestId('tile-count').textContent(),
      )
      .toMatch(/^0/);
  });

  it('the GP’s referral is now booked at the arrhythmia clinic', async () => {
    await gp.getByRole('link', { name: 'View the referral' }).click();
    await expect.poll(() => gp.getByTestId('referral-state').textContent()).toBe('Booked');
    expect(await gp.locator('#appointment-heading + dl').textContent()).toContain(
      'Arrhythmia Clinic - Leeds General Hospital (demo)',
    );
    expect(await gp.getByTestId('history').textContent()).toContain(
      'Reason: More appropriate clinic',
    );
    // The letter uploaded with the referral is there for clinical roles, to download.
    const letter = gp.getByRole('link', { name: 'referral-letter.txt' });
    const href = (await letter.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/documents\/[\w-]+$/);
    expect(await gp.evaluate((url) => fetch(url).then((r) => r.text()), href)).toBe(
      'Dear colleague, please see Mr Okoro about his breathlessness.',
    );
    await expectNoAxeViolations(gp, 'the rebooked referral (GP)');
  });
});
