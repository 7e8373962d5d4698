import type { Role } from '../access/index.js';
import { DomainError } from '../errors/index.js';
import {
  COMMENT_MAX_LENGTH,
  findReason,
  priorityRank,
  reasonsUsableBy,
  type Priority,
  type ReasonDefinition,
} from '../reference/index.js';
import {
  compareSlots,
  slotQueryBounds,
  slotWithinBounds,
  type Booker,
  type Slot,
  type SlotService,
} from './slot-search.js';

/**
 * What a service does with its Appointment Slot Issues (referrals deferred to the provider)
 * when free capacity appears: leave them for staff (e-RS behaviour), hold the matched slot for
 * the referral as an offer staff confirm in one step, or book it straight away as the system.
 */
export const SLOT_ISSUE_POLICIES = ['LEAVE', 'OFFER', 'BOOK'] as const;
/** A slot-issue policy. */
export type SlotIssuePolicy = (typeof SLOT_ISSUE_POLICIES)[number];

/** Whether a value is a {@link SlotIssuePolicy}. */
export function isSlotIssuePolicy(value: unknown): value is SlotIssuePolicy {
  return (SLOT_ISSUE_POLICIES as readonly unknown[]).includes(value);
}

/** A reason a provider takes a slot out of use for now (blocks it). */
export interface SlotBlockReason {
  readonly code: string;
  /** Plain-English label for a list of choices. */
  readonly name: string;
  /** Whether a comment must say more. */
  readonly commentRequired: boolean;
}

/** Why a slot is blocked: the catalogue a service definer or provider admin chooses from. */
export const SLOT_BLOCK_REASONS = [
  { code: 'CLINICIAN_UNAVAILABLE', name: 'Clinician unavailable', commentRequired: false },
  { code: 'ROOM_UNAVAILABLE', name: 'Room or equipment unavailable', commentRequired: false },
  { code: 'TRAINING', name: 'Training or meeting', commentRequired: false },
  { code: 'CLINIC_REORGANISED', name: 'Clinic being reorganised', commentRequired: false },
  { code: 'OTHER', name: 'Other reason', commentRequired: true },
] as const satisfies readonly SlotBlockReason[];
/** A slot block reason code. */
export type SlotBlockReasonCode = (typeof SLOT_BLOCK_REASONS)[number]['code'];

/** The role slot maintenance acts in when it cancels a booked appointment (the provider's system). */
export const SLOT_MAINTENANCE_ROLE: Role = 'PROVIDER_AUTHORISED_APPLICATION';

/**
 * The appointment cancellation reasons a provider may give when it cancels slots (T13): the
 * provider-type reasons of the appointment cancellation catalogue its system may use (clinic
 * cancelled, slot withdrawn, clinician unavailable, other), in effect on `today` (ISO date).
 */
export function slotCancellationReasons(today?: string): readonly ReasonDefinition[] {
  return reasonsUsableBy('APPOINTMENT_CANCELLATION', SLOT_MAINTENANCE_ROLE, {
    types: ['PROVIDER'],
    ...(today === undefined ? {} : { today }),
  });
}

/** Checks a comment: trimmed, null when empty, refused when longer than the catalogue allows. */
function checkComment(comment: string | null | undefined, required: boolean): string | null {
  const trimmed = comment?.trim() ?? '';
  if (required && trimmed === '') throw new DomainError('COMMENT_REQUIRED', { field: 'comment' });
  if (trimmed.length > COMMENT_MAX_LENGTH) {
    throw new DomainError('COMMENT_TOO_LONG', { field: 'comment' });
  }
  return trimmed === '' ? null : trimmed;
}

/**
 * Checks a reason for blocking slots and its comment, throwing `REASON_REQUIRED`,
 * `INVALID_CODE` (field `reason`), `COMMENT_REQUIRED` or `COMMENT_TOO_LONG` (field `comment`).
 * Returns the reason and the trimmed comment (null when none).
 */
export function checkSlotBlockReason(
  code: string | null | undefined,
  comment: string | null | undefined,
): { reason: SlotBlockReason; comment: string | null } {
  if (code == null || code === '') throw new DomainError('REASON_REQUIRED', { field: 'reason' });
  const reason = SLOT_BLOCK_REASONS.find((r) => r.code === code);
  if (!reason) throw new DomainError('INVALID_CODE', { field: 'reason' });
  return { reason, comment: checkComment(comment, reason.commentRequired) };
}

/**
 * Checks a reason for cancelling slots (one of {@link slotCancellationReasons}) and its comment,
 * throwing as {@link checkSlotBlockReason} does (`REASON_NOT_ALLOWED` for a reason of the
 * catalogue the provider may not give here).
 */
export function checkSlotCancellationReason(
  code: string | null | undefined,
  comment: string | null | undefined,
  today: string,
): { reason: ReasonDefinition; comment: string | null } {
  if (code == null || code === '') throw new DomainError('REASON_REQUIRED', { field: 'reason' });
  const reason = slotCancellationReasons(today).find((r) => r.code === code);
  if (!reason) {
    const known = findReason('APPOINTMENT_CANCELLATION', code) !== undefined;
    throw new DomainError(known ? 'REASON_NOT_ALLOWED' : 'INVALID_CODE', { field: 'reason' });
  }
  return { reason, comment: checkComment(comment, reason.commentMandatory) };
}

/** A referral deferred to the provider (an Appointment Slot Issue), as matching needs it. */
export interface SlotIssue {
  readonly ubrn: string;
  readonly priority: Priority;
  /** When it was deferred: it has waited since then. */
  readonly deferredAt: Date;
  /** Only slots in this named clinician's schedule, when the referral asks for one. */
  readonly clinicianId?: string | null;
}

/** One referral matched to one slot. */
export interface SlotIssueAssignment {
  readonly ubrn: string;
  readonly slot: Slot;
}

/**
 * Orders slot issues for matching: clinical priority first (two-week wait, then urgent, then
 * routine), then longest waiting (deferred earliest), then UBRN so the order is total and the
 * same on every run. Returns a new array.
 */
export function orderSlotIssues<T extends SlotIssue>(issues: readonly T[]): T[] {
  return [...issues].sort(
    (a, b) =>
      priorityRank(a.priority) - priorityRank(b.priority) ||
      a.deferredAt.getTime() - b.deferredAt.getTime() ||
      (a.ubrn < b.ubrn ? -1 : a.ubrn > b.ubrn ? 1 : 0),
  );
}

/**
 * Who automatic matching books as, for the slot rules: not the provider's own staff, so each
 * referral gets exactly the slots a referrer could book for it now (its priority's booking
 * window, none still reserved for the provider). The provider's system (PROVIDER_AUTHORISED_
 * APPLICATION) has the same bounds, so a match is a slot the system may then book or offer.
 */
const REFERRER_BOUNDS_BOOKER: Booker = { role: 'REFERRING_CLINICIAN', organisationId: '' };

/** What {@link matchSlotIssues} matches. */
export interface SlotIssueMatching {
  /** The service's slot issues, in any order. */
  readonly issues: readonly SlotIssue[];
  /** The service's slots, in any order; only those the rules allow are used. */
  readonly slots: readonly Slot[];
  readonly service: SlotService;
  readonly now: Date;
  /** IANA time zone the booking windows' days are counted in. */
  readonly timeZone: string;
}

/**
 * Matches slot issues to free slots, greedily in {@link orderSlotIssues} order: each referral
 * gets the earliest slot (ties by id) that the slot rules allow it — a referrer's bounds for
 * its priority at this service (booking window, provider reservation, the slot's priorities,
 * its named clinician if it asks for one, holds other than its own) — and each slot is used at
 * most once. Referrals with no such slot left get nothing. Pure: the inputs are not changed.
 *
 * Cost: sorting, then for each issue a binary search to its window and a forward scan that skips
 * slots already used in amortised constant time, so tens of thousands of each take milliseconds
 * unless most slots are ring-fenced away from most referrals.
 */
export function matchSlotIssues(matching: SlotIssueMatching): SlotIssueAssignment[] {
  const { service, now, timeZone } = matching;
  const slots = [...matching.slots].sort(compareSlots);
  const starts = slots.map((s) => s.start.getTime());
  // nextUnused[i]: the first index ≥ i whose slot is not yet used (union–find with path halving).
  const nextUnused = Array.from({ length: slots.length + 1 }, (_, i) => i);
  const unused = (i: number): number => {
    while (nextUnused[i] !== i) {
      nextUnused[i] = nextUnused[nextUnused[i]!]!;
      i = nextUnused[i]!;
    }
    return i;
  };
  const assignments: SlotIssueAssignment[] = [];
  for (const issue of orderSlotIssues(matching.issues)) {
    const bounds = slotQueryBounds({
      service,
      priority: issue.priority,
      booker: REFERRER_BOUNDS_BOOKER,
      now,
      timeZone,
      ubrn: issue.ubrn,
      clinicianId: issue.clinicianId ?? null,
    });
    const within = slotWithinBounds(bounds);
    const before = bounds.startsBefore?.getTime() ?? Infinity;
    for (let i = unused(firstAtOrAfter(starts, bounds.earliestStart.getTime())); ;) {
      if (i >= slots.length || starts[i]! >= before) break;
      if (within(slots[i]!)) {
        assignments.push({ ubrn: issue.ubrn, slot: slots[i]! });
        nextUnused[i] = i + 1;
        break;
      }
      i = unused(i + 1);
    }
  }
  return assignments;
}

/** The index of the first of `sorted` (ascending) that is ≥ `value`, or its length. */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
