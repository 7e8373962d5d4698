import { describe, expect, it } from 'vitest';
import type { ReferralSnapshot } from '../referral/index.js';
import {
  actors,
  apply,
  daysAfter,
  dbs,
  GP,
  newReferral,
  NOW,
  referralIn,
  TRUST,
} from '../test-support/fixtures.js';
import {
  compareWorklistEntries,
  referralWorklistEntries,
  referralWorklists,
  requestContextStatus,
} from './referral-worklists.js';

const TZ = 'Europe/London';
const lists = (s: ReferralSnapshot) =>
  referralWorklists(s)
    .map((m) => `${m.worklist}@${m.organisationId}`)
    .sort();

describe('which worklists a referral is on', () => {
  it.each([
    ['NOT_BOOKED', [`AWAITING_BOOKING@${GP}`, `LETTERS_OUTSTANDING@${GP}`]],
    ['BOOKED', [`LETTERS_OUTSTANDING@${GP}`, `REFERRALS_FOR_REVIEW@${TRUST}`]],
    // Accepted only once the letter to follow has arrived, so nothing is outstanding.
    ['ACCEPTED', []],
    [
      'DEFERRED_TO_PROVIDER',
      [`APPOINTMENT_SLOT_ISSUES@${TRUST}`, `AWAITING_BOOKING@${GP}`, `LETTERS_OUTSTANDING@${GP}`],
    ],
    [
      'AWAITING_TRIAGE',
      [`AWAITING_BOOKING@${GP}`, `LETTERS_OUTSTANDING@${GP}`, `REFERRALS_FOR_REVIEW@${TRUST}`],
    ],
    [
      'TRIAGED_PROVIDER_TO_ACTION',
      [`APPOINTMENTS_FOR_BOOKING@${TRUST}`, `AWAITING_BOOKING@${GP}`, `LETTERS_OUTSTANDING@${GP}`],
    ],
    ['TRIAGE_RESPONSE', [`LETTERS_OUTSTANDING@${GP}`, `REJECTED_TRIAGE_RESPONSE@${GP}`]],
    ['REJECTED', [`LETTERS_OUTSTANDING@${GP}`, `REJECTED_TRIAGE_RESPONSE@${GP}`]],
    [
      'APPT_CANCELLED_BY_PATIENT',
      [`APPOINTMENTS_FOR_BOOKING@${TRUST}`, `AWAITING_BOOKING@${GP}`, `LETTERS_OUTSTANDING@${GP}`],
    ],
    [
      'DID_NOT_ATTEND',
      [`APPOINTMENTS_FOR_BOOKING@${TRUST}`, `AWAITING_BOOKING@${GP}`, `LETTERS_OUTSTANDING@${GP}`],
    ],
    ['ASSESSMENT_RESULT', [`ASSESSMENT_RETURNED_CANCELLED_DNA@${GP}`, `LETTERS_OUTSTANDING@${GP}`]],
    ['CANCELLED_REFERRAL', []],
  ] as const)('%s', (state, expected) => {
    expect(lists(referralIn(state))).toEqual([...expected].sort());
  });
});

describe('worklist entries', () => {
  it('flags an overdue letter and sorts letters by when they are due', () => {
    const referral = newReferral();
    const [onTime] = referralWorklistEntries(referral, NOW, TZ).filter(
      (e) => e.worklist === 'LETTERS_OUTSTANDING',
    );
    expect(onTime).toMatchObject({ letterOverdue: false, sortAt: referral.letterDueAt });
    const [late] = referralWorklistEntries(referral, daysAfter(NOW, 2), TZ).filter(
      (e) => e.worklist === 'LETTERS_OUTSTANDING',
    );
    expect(late?.letterOverdue).toBe(true);
  });

  it('shows slot issues with their contact-by date, flagged once it has passed', () => {
    const deferred = referralIn('DEFERRED_TO_PROVIDER');
    const entry = (now: Date) =>
      referralWorklistEntries(deferred, now, TZ).find(
        (e) => e.worklist === 'APPOINTMENT_SLOT_ISSUES',
      )!;
    expect(entry(NOW)).toMatchObject({
      patientContactBy: '2026-03-24',
      contactDatePassed: false,
      clinicalInformationStatus: 'NOT_DUE',
    });
    expect(entry(new Date('2026-03-24T23:59:00Z')).contactDatePassed).toBe(false);
    expect(entry(new Date('2026-03-25T00:00:00Z')).contactDatePassed).toBe(true);
    expect(entry(daysAfter(NOW, 3)).clinicalInformationStatus).toBe('OVERDUE');
    expect(entry(NOW).sortAt.toISOString()).toBe('2026-03-24T00:00:00.000Z');
  });

  it('says why a referral needs review', () => {
    expect(requestContextStatus(referralIn('BOOKED'))).toBe('NEVER_REVIEWED');
    const changed = apply(
      referralIn('ACCEPTED'),
      { type: 'ATTACH_REFERRAL_LETTER', documentIds: ['d'] },
      actors.rc,
    ).snapshot;
    const [entry] = referralWorklistEntries(changed, NOW, TZ).filter(
      (e) => e.worklist === 'REFERRALS_FOR_REVIEW',
    );
    expect(entry?.requestContextStatus).toBe('LETTER_CHANGED');
  });

  it('puts the most urgent first, then the longest waiting', () => {
    const at = (priority: 'ROUTINE' | 'TWO_WEEK_WAIT', days: number, ubrn: string) =>
      referralWorklistEntries(
        newReferral({ priority, ubrn, shortlist: [dbs()] }, daysAfter(NOW, days)),
        NOW,
        TZ,
      ).find((e) => e.worklist === 'AWAITING_BOOKING')!;
    const entries = [
      at('ROUTINE', -5, '000000000001'),
      at('TWO_WEEK_WAIT', 0, '000000000002'),
      at('ROUTINE', -9, '000000000003'),
      at('TWO_WEEK_WAIT', -1, '000000000004'),
    ];
    expect(entries.sort(compareWorklistEntries).map((e) => e.ubrn)).toEqual([
      '000000000004',
      '000000000002',
      '000000000003',
      '000000000001',
    ]);
  });
});
