import { isIsoDate, localDate, referralLetterDue, type DateContext } from '../dates/index.js';
import { DomainError } from '../errors/index.js';
import { isPriority, type Priority } from '../reference/index.js';
import { LETTER_STATUSES, type LetterStatus, type ReferralSnapshot } from './referral.types.js';

/**
 * The clinical information a referral carries (issue 11, items 1 and 2).
 *
 * A referral must tell the provider why the patient is referred: clinical information typed
 * with it, a referral letter attached to it, or a letter the referrer says will follow by a
 * due date. The due date may be no later than the reference's letter timing for the priority
 * (reference §6: two week wait and urgent within 1 working day, routine within 3; see
 * {@link referralLetterDue}) and not in the past. While that letter is outstanding a provider
 * clinician cannot accept the referral: review needs it ({@link acceptRefusalForLetter}).
 */

/** Most characters of clinical information entered with a referral. */
export const MAX_CLINICAL_INFORMATION_LENGTH = 8000;

/** What a new referral says about its clinical information. */
export interface ClinicalInformationInput {
  /** Clinical information typed with the referral (blank counts as none). */
  readonly clinicalInformation?: string | null;
  /** Attached now, to follow, or not intending to add one. */
  readonly letterStatus: LetterStatus;
  /** How many letter documents are attached with it. */
  readonly letterDocumentCount: number;
  /**
   * For a letter to follow: the UK date it is due (`YYYY-MM-DD`). When absent the latest the
   * reference allows for the priority is used.
   */
  readonly letterDueDate?: string | null;
  readonly priority: Priority;
  /**
   * Converted from an Advice & Guidance request on the same UBRN: its conversation (which
   * cannot be blank) is the clinical information.
   */
  readonly convertedFromAdvice?: boolean;
}

const isBlank = (text: string | null | undefined) => typeof text !== 'string' || text.trim() === '';

/**
 * The latest date a letter to follow may be due for a referral made at `now`: the priority's
 * working days from the reference (1 for two week wait and urgent, 3 for routine).
 */
export function latestLetterDueDate(now: Date, priority: Priority, context: DateContext): string {
  return referralLetterDue(now, priority, context).dueDate;
}

/**
 * Every problem with a new referral's clinical information, each a {@link DomainError} naming
 * the input field it concerns (`clinicalInformation`, `documentIds`, `letterDueDate`,
 * `letterStatus`). Empty when the referral may be made. The server and the web form both ask
 * this; neither repeats it.
 *
 * @param now the moment the referral is made ("today" is read in `context.timeZone`)
 */
export function clinicalInformationProblems(
  input: ClinicalInformationInput,
  now: Date,
  context: DateContext,
): DomainError[] {
  const problems: DomainError[] = [];
  const text = typeof input.clinicalInformation === 'string' ? input.clinicalInformation : '';
  if (text.length > MAX_CLINICAL_INFORMATION_LENGTH) {
    problems.push(
      new DomainError('TEXT_TOO_LONG', {
        field: 'clinicalInformation',
        message: 'The clinical information is too long. It can be up to 8,000 characters.',
        details: { maxLength: MAX_CLINICAL_INFORMATION_LENGTH },
      }),
    );
  }
  if (!(LETTER_STATUSES as readonly string[]).includes(input.letterStatus)) {
    problems.push(new DomainError('BAD_USER_INPUT', { field: 'letterStatus' }));
    return problems;
  }
  switch (input.letterStatus) {
    case 'ATTACHED':
      if (!(input.letterDocumentCount > 0)) {
        problems.push(new DomainError('LETTER_REQUIRED', { field: 'documentIds' }));
      }
      break;
    case 'NOT_INTENDING_TO_ADD':
      if (isBlank(input.clinicalInformation) && input.convertedFromAdvice !== true) {
        problems.push(
          new DomainError('CLINICAL_INFORMATION_REQUIRED', { field: 'clinicalInformation' }),
        );
      }
      break;
    case 'NEED_TO_ADD_LATER': {
      const due = input.letterDueDate;
      if (due == null) break;
      if (!isIsoDate(due)) {
        problems.push(new DomainError('INVALID_DATE', { field: 'letterDueDate' }));
        break;
      }
      const today = localDate(now, context.timeZone);
      if (due < today) {
        problems.push(new DomainError('LETTER_DUE_DATE_IN_PAST', { field: 'letterDueDate' }));
      } else if (isPriority(input.priority)) {
        const latest = latestLetterDueDate(now, input.priority, context);
        if (due > latest) {
          problems.push(
            new DomainError('LETTER_DUE_DATE_TOO_LATE', {
              field: 'letterDueDate',
              details: { latest },
            }),
          );
        }
      }
      break;
    }
  }
  return problems;
}

/**
 * The first of {@link clinicalInformationProblems}, or `null` when there is none: for a
 * command that refuses with one typed, field-level error.
 */
export function clinicalInformationRefusal(
  input: ClinicalInformationInput,
  now: Date,
  context: DateContext,
): DomainError | null {
  return clinicalInformationProblems(input, now, context)[0] ?? null;
}

/** Throws the first of {@link clinicalInformationProblems}, if any. */
export function assertReferralHasClinicalInformation(
  input: ClinicalInformationInput,
  now: Date,
  context: DateContext,
): void {
  const refusal = clinicalInformationRefusal(input, now, context);
  if (refusal) throw refusal;
}

/** Whether the referral letter the referrer said would follow has still not been attached. */
export function isLetterOutstanding(snapshot: Pick<ReferralSnapshot, 'letterStatus'>): boolean {
  return snapshot.letterStatus === 'NEED_TO_ADD_LATER';
}

/**
 * Why a provider clinician cannot accept the referral yet, or `null`: the referrer said a
 * letter would follow and it has not been attached, so the clinical information review needs
 * is missing. Attaching the letter (A012) lifts it. The accept transition and `allowedActions`
 * both use this guard.
 */
export function acceptRefusalForLetter(
  snapshot: Pick<ReferralSnapshot, 'letterStatus' | 'letterDueDate'>,
): DomainError | null {
  if (!isLetterOutstanding(snapshot)) return null;
  return new DomainError('REFERRAL_LETTER_OUTSTANDING', {
    field: 'letter',
    details: { letterDueDate: snapshot.letterDueDate },
  });
}
