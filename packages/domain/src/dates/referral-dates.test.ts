import { describe, expect, it } from 'vitest';
import { englandBankHolidays } from '../holidays/index.js';
import {
  isContactDatePassed,
  isLetterOverdue,
  patientContactBy,
  patientContactDays,
  referralLetterDue,
} from './referral-dates.js';

const context = { timeZone: 'Europe/London', calendar: englandBankHolidays() };

describe('patient contact-by dates', () => {
  it('uses the priority’s contact days for deferrals and for triage', () => {
    expect(patientContactDays('ROUTINE', 'DEFERRAL')).toBe(40);
    expect(patientContactDays('URGENT', 'TRIAGE')).toBe(5);
    expect(patientContactDays('TWO_WEEK_WAIT', 'DEFERRAL')).toBe(5);
  });

  it('counts working days from the UK date it was sent, skipping Easter', () => {
    // Urgent deferral on Thursday 2 April 2026: 10 working days skip Good Friday and Easter Monday.
    expect(patientContactBy(new Date('2026-04-02T14:00:00Z'), 'URGENT', 'DEFERRAL', context)).toBe(
      '2026-04-20',
    );
  });

  it('counts from the UK date, not the UTC date, late on a summer evening', () => {
    // 23:30 UTC on Thursday 4 June is 00:30 on Friday 5 June in London: Monday 8 and Tuesday 9.
    expect(
      patientContactBy(new Date('2026-06-04T23:30:00Z'), 'TWO_WEEK_WAIT', 'TRIAGE', context),
    ).toBe('2026-06-09');
    // At 23:59 on the Thursday, UK time, it is still Thursday: Friday 5 and Monday 8.
    expect(
      patientContactBy(new Date('2026-06-04T22:59:00Z'), 'TWO_WEEK_WAIT', 'TRIAGE', context),
    ).toBe('2026-06-08');
  });

  it('treats the contact date as passed only from the next UK day', () => {
    expect(
      isContactDatePassed('2026-06-09', new Date('2026-06-09T22:59:00Z'), 'Europe/London'),
    ).toBe(false);
    expect(
      isContactDatePassed('2026-06-09', new Date('2026-06-09T23:00:00Z'), 'Europe/London'),
    ).toBe(true);
  });
});

describe('referral letter due dates', () => {
  it('gives a two week wait referral 1 working day', () => {
    const due = referralLetterDue(new Date('2026-03-10T10:00:00Z'), 'TWO_WEEK_WAIT', context);
    expect(due.dueDate).toBe('2026-03-11');
    expect(due.dueAt.toISOString()).toBe('2026-03-12T00:00:00.000Z');
  });

  it('gives a routine referral 3 working days, across the clocks going forward', () => {
    // Created Friday 27 March 2026 (GMT); due Wednesday 1 April (BST); overdue from 00:00 BST
    // on 2 April, which is 23:00 UTC on 1 April.
    const due = referralLetterDue(new Date('2026-03-27T17:00:00Z'), 'ROUTINE', context);
    expect(due.dueDate).toBe('2026-04-01');
    expect(due.dueAt.toISOString()).toBe('2026-04-01T23:00:00.000Z');
  });

  it('starts counting from the UK date for a referral made just after midnight in summer', () => {
    // 23:30 UTC on Friday 29 May is Saturday 30 May in London: next working day is Monday 1 June
    // (Spring bank holiday was 25 May).
    const due = referralLetterDue(new Date('2026-05-29T23:30:00Z'), 'URGENT', context);
    expect(due.dueDate).toBe('2026-06-01');
    expect(due.dueAt.toISOString()).toBe('2026-06-01T23:00:00.000Z');
  });

  it('is overdue from the due instant', () => {
    const dueAt = new Date('2026-03-12T00:00:00Z');
    expect(isLetterOverdue(dueAt, new Date('2026-03-11T23:59:59Z'))).toBe(false);
    expect(isLetterOverdue(dueAt, dueAt)).toBe(true);
  });
});
