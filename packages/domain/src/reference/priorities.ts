/**
 * Clinical priorities of a referral (e-RS code system eRS-Priority-1), most urgent first.
 *
 * Contact days are the working days within which the patient can expect to be contacted after a
 * referral is deferred to the provider or sent for triage. e-RS publishes them as reference data
 * whose live values may change; these are the values seen in the NHS sandbox, used as defaults.
 *
 * `letterDueWorkingDays` is how many working days after a referral is created its referral
 * letter is due when the referrer said they would add it later (NHS guidance: two week wait
 * within 1 working day, routine within 3; urgent is an open-ers decision, see the README).
 */
export const PRIORITIES = [
  {
    code: 'TWO_WEEK_WAIT',
    name: 'Two week wait',
    description: 'Urgent suspected cancer (including symptomatic breast)',
    rank: 0,
    deferToProviderContactDays: 5,
    triageContactDays: 2,
    letterDueWorkingDays: 1,
  },
  {
    code: 'URGENT',
    name: 'Urgent',
    description: 'Urgent',
    rank: 1,
    deferToProviderContactDays: 10,
    triageContactDays: 5,
    letterDueWorkingDays: 1,
  },
  {
    code: 'ROUTINE',
    name: 'Routine',
    description: 'Routine',
    rank: 2,
    deferToProviderContactDays: 40,
    triageContactDays: 40,
    letterDueWorkingDays: 3,
  },
] as const;

/** Reference data for one priority. */
export type PriorityInfo = (typeof PRIORITIES)[number];
/** A priority code: `TWO_WEEK_WAIT`, `URGENT` or `ROUTINE`. */
export type Priority = PriorityInfo['code'];

/** Every priority code, most urgent first. */
export const PRIORITY_CODES: readonly Priority[] = PRIORITIES.map((p) => p.code);

const BY_CODE = new Map<string, PriorityInfo>(PRIORITIES.map((p) => [p.code, p]));

/** Whether a value is a priority code. */
export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && BY_CODE.has(value);
}

/** Reference data for a priority. */
export function priorityInfo(code: Priority): PriorityInfo {
  return BY_CODE.get(code)!;
}

/** Sort rank of a priority: 0 is the most urgent. */
export function priorityRank(code: Priority): number {
  return priorityInfo(code).rank;
}
