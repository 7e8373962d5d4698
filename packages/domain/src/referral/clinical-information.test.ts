import { describe, expect, it } from 'vitest';
import { CONTEXT, NOW } from '../test-support/fixtures.js';
import {
  acceptRefusalForLetter,
  clinicalInformationProblems,
  latestLetterDueDate,
  MAX_CLINICAL_INFORMATION_LENGTH,
  type ClinicalInformationInput,
} from './clinical-information.js';

const input = (overrides: Partial<ClinicalInformationInput>): ClinicalInformationInput => ({
  clinicalInformation: null,
  letterStatus: 'NOT_INTENDING_TO_ADD',
  letterDocumentCount: 0,
  priority: 'ROUTINE',
  ...overrides,
});

const problems = (overrides: Partial<ClinicalInformationInput>) =>
  clinicalInformationProblems(input(overrides), NOW, CONTEXT).map((p) => [p.code, p.field]);

describe('clinicalInformationProblems', () => {
  it('needs clinical information, a letter, or a letter to follow', () => {
    expect(problems({})).toEqual([['CLINICAL_INFORMATION_REQUIRED', 'clinicalInformation']]);
    expect(problems({ clinicalInformation: ' \t' })).toEqual([
      ['CLINICAL_INFORMATION_REQUIRED', 'clinicalInformation'],
    ]);
    expect(problems({ clinicalInformation: 'Chest pain on exertion.' })).toEqual([]);
    expect(problems({ letterStatus: 'ATTACHED', letterDocumentCount: 1 })).toEqual([]);
    expect(problems({ letterStatus: 'ATTACHED' })).toEqual([['LETTER_REQUIRED', 'documentIds']]);
    expect(problems({ letterStatus: 'NEED_TO_ADD_LATER' })).toEqual([]);
  });

  it('takes an Advice & Guidance conversation as the clinical information', () => {
    expect(problems({ convertedFromAdvice: true })).toEqual([]);
  });

  it('bounds a letter’s due date by today and the priority’s working days', () => {
    // Tuesday 10 March 2026: routine letters within 3 working days, urgent within 1.
    expect(latestLetterDueDate(NOW, 'ROUTINE', CONTEXT)).toBe('2026-03-13');
    expect(latestLetterDueDate(NOW, 'TWO_WEEK_WAIT', CONTEXT)).toBe('2026-03-11');
    const due = (letterDueDate: string, priority: ClinicalInformationInput['priority']) =>
      problems({ letterStatus: 'NEED_TO_ADD_LATER', letterDueDate, priority });
    expect(due('2026-03-10', 'ROUTINE')).toEqual([]);
    expect(due('2026-03-13', 'ROUTINE')).toEqual([]);
    expect(due('2026-03-16', 'ROUTINE')).toEqual([['LETTER_DUE_DATE_TOO_LATE', 'letterDueDate']]);
    expect(due('2026-03-12', 'URGENT')).toEqual([['LETTER_DUE_DATE_TOO_LATE', 'letterDueDate']]);
    expect(due('2026-03-09', 'ROUTINE')).toEqual([['LETTER_DUE_DATE_IN_PAST', 'letterDueDate']]);
    expect(due('2026-02-30', 'ROUTINE')).toEqual([['INVALID_DATE', 'letterDueDate']]);
  });

  it('refuses clinical information over 8,000 characters', () => {
    expect(
      problems({ clinicalInformation: 'x'.repeat(MAX_CLINICAL_INFORMATION_LENGTH + 1) }),
    ).toEqual([['TEXT_TOO_LONG', 'clinicalInformation']]);
  });
});

describe('acceptRefusalForLetter', () => {
  it('refuses while the letter is to follow, with its due date', () => {
    const refusal = acceptRefusalForLetter({
      letterStatus: 'NEED_TO_ADD_LATER',
      letterDueDate: '2026-03-13',
    });
    expect(refusal).toMatchObject({
      code: 'REFERRAL_LETTER_OUTSTANDING',
      details: { letterDueDate: '2026-03-13' },
    });
    expect(acceptRefusalForLetter({ letterStatus: 'ATTACHED', letterDueDate: null })).toBeNull();
    expect(
      acceptRefusalForLetter({ letterStatus: 'NOT_INTENDING_TO_ADD', letterDueDate: null }),
    ).toBeNull();
  });
});
