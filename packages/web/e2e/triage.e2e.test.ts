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
const ADVICE =
  'Start bisoprolol 1.25 mg daily. If palpitations persist after four weeks, book the arrhythmia clinic.';

/**
 * Journey (c): the GP shortlists the referral assessment (triage) service and the arrhythmia
 * clinic and sends the referral for triage; the consultant returns it with advice; the GP finds
 * it on Rejected and triage responses, reads the advice and books the arrhythmia clinic.
 */
describe('journey (c): triage returned with advice, GP rebooks', () => {
  let app: RunningApp;
  let browser: Browser;
  let gp: Page;
  let consultant: Page;
  let ubrn = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    gp = await (await browser.newContext()).newPage();
    consultant = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the GP shortlists the triage service and the arrhythmia clinic', async () => {
    await signInThroughPage(gp, app, 'rc.leeds');
    await gp
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'New referral' })
      .first()
      .click();
    await gp.getByLabel('NHS number').fill('9990000026');
    await gp.getByRole('button', { name: 'Find patient' }).click();
    await gp.getByRole('button', { name: 'Refer Margaret Thompson' }).click();
    await gp.getByLabel('Routine').check();
    await gp.getByLabel('Specialty').selectOption({ label: 'Cardiology' });
    await gp.getByRole('button', { name: 'Search', exact: true }).click();
    for (const name of [
      'Cardiology Referral Assessment Service - Leeds General Hospital (demo)',
      'Arrhythmia Clinic - Leeds General Hospital (demo)',
    ]) {
      const card = gp.getByTestId('service-result').filter({ hasText: name });
      await card.getByRole('button', { name: /^Add/ }).click();
      await card.getByRole('button', { name: /^Remove/ }).waitFor();
    }
    expect(await gp.getByTestId('shortlist').textContent()).toContain('2 of 20 services');
    await gp.getByRole('button', { name: 'Continue' }).click();
    await gp
      .getByRole('textbox', { name: 'Clinical information' })
      .fill('Intermittent palpitations.');
    await gp.getByLabel('No letter: the clinical information is enough').check();
    await gp.getByRole('button', { name: 'Create referral' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    ubrn = await ubrnFromUrl(gp);
    await expectNoAxeViolations(gp, 'book or send for triage');
  });

  it('sends it for triage', async () => {
    await gp
      .getByRole('link', {
        name: 'Send for triage to Cardiology Referral Assessment Service - Leeds General Hospital (demo)',
      })
      .click();
    await gp.getByRole('heading', { level: 1, name: 'Send for triage' }).waitFor();
    // The service the user chose is already selected.
    expect(
      await gp
        .getByLabel('Cardiology Referral Assessment Service - Leeds General Hospital (demo)')
        .isChecked(),
    ).toBe(true);
    await expectNoAxeViolations(gp, 'send for triage');
    await gp.getByRole('button', { name: 'Send for triage' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Referral sent for triage' }).waitFor();
    expect(await gp.getByTestId('confirmation-ubrn').textContent()).toBe(formatted(ubrn));
    await expectNoAxeViolations(gp, 'triage confirmation');
  });

  it('the consultant returns it to the referrer with advice', async () => {
    await signInThroughPage(consultant, app, 'spc.leeds');
    await consultant.getByTestId('tile-REFERRALS_FOR_REVIEW').getByRole('link').click();
    await consultant
      .getByTestId('worklist-row')
      .filter({ hasText: formatted(ubrn) })
      .getByRole('link')
      .click();
    expect(await consultant.getByTestId('referral-state').textContent()).toBe('Awaiting triage');
    await consultant.getByRole('link', { name: 'Record triage outcome' }).click();
    await consultant
      .getByRole('heading', { level: 1, name: 'Record the triage outcome' })
      .waitFor();

    // The comment is required: submitting without one is refused with the reason beside it.
    await consultant.getByLabel('Return to referrer with advice').check();
    await consultant.getByRole('button', { name: 'Record outcome' }).click();
    await consultant.getByRole('link', { name: 'Enter a comment.' }).waitFor();
    await expectNoAxeViolations(consultant, 'triage outcome with a problem');
    // A new priority is only offered when accepting to book later.
    expect(await consultant.getByLabel('Priority').count()).toBe(0);

    await consultant
      .getByLabel('Comment (advice for the referrer, or instructions for booking)')
      .fill(ADVICE);
    await consultant.getByRole('button', { name: 'Record outcome' }).click();
    await consultant.getByRole('heading', { name: 'Triage outcome recorded' }).waitFor();
    expect(await consultant.getByTestId('referral-state').textContent()).toBe('Triage response');
    await expectNoAxeViolations(consultant, 'the returned referral (consultant)');
  });

  it('the GP finds it on Rejected and triage responses with the advice, and books the clinic', async () => {
    await gp.getByRole('link', { name: 'Go to your worklists' }).click();
    const tile = gp.getByTestId('tile-REJECTED_TRIAGE_RESPONSE');
    await expect.poll(() => tile.getByTestId('tile-count').textContent()).toMatch(/^1/);
    await tile.getByRole('link').click();
    await gp.getByRole('heading', { level: 1, name: 'Rejected and triage responses' }).waitFor();
    await expectNoAxeViolations(gp, 'Rejected and triage responses');
    await gp
      .getByTestId('worklist-row')
      .filter({ hasText: formatted(ubrn) })
      .getByRole('link')
      .click();

    // The page shows what was cached at once, then the latest version.
    await expect.poll(() => gp.getByTestId('referral-state').textContent()).toBe('Triage response');
    expect(await gp.getByTestId('state-comment').textContent()).toContain('bisoprolol');
    expect(await gp.locator('main').textContent()).toContain('Returned to you');
    await expectNoAxeViolations(gp, 'the triage response (GP)');

    await gp.getByRole('link', { name: 'Book an appointment' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
    // Only the arrhythmia clinic can be booked: it is chosen and its calendar shown.
    expect(await gp.locator('[aria-current="true"]').textContent()).toContain(
      'Arrhythmia Clinic - Leeds General Hospital (demo)',
    );
    await gp.getByTestId('slot-calendar').waitFor();
    await gp.locator('input[name="slot"]').first().check();
    await gp.getByRole('button', { name: 'Hold this appointment' }).click();
    await gp.getByRole('button', { name: 'Confirm booking' }).click();
    await gp.getByRole('heading', { level: 1, name: 'Appointment booked' }).waitFor();
    await expectNoAxeViolations(gp, 'rebooking confirmation');

    await gp.getByRole('link', { name: 'View the referral' }).click();
    await expect.poll(() => gp.getByTestId('referral-state').textContent()).toBe('Booked');
    const history = (await gp.getByTestId('history').textContent()) ?? '';
    expect(history).toContain('Record triage outcome');
    expect(history).toContain('Reason: Return to referrer with advice');
    expect(history).toContain('Send for triage');
  });
});
