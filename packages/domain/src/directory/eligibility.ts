import type { Priority } from '../reference/index.js';
import type {
  BookableType,
  PatientSex,
  RequestFlow,
  SearchRequestType,
  SexTreated,
} from './service-attributes.js';

/**
 * The facts about a Directory of Services entry that decide who it can take. Calendar dates are
 * ISO `YYYY-MM-DD` strings in UK local time; `effectiveTo` is the last day the service is in
 * effect, inclusive.
 */
export interface ServiceRestrictions {
  readonly requestFlow: RequestFlow;
  readonly bookableType: BookableType;
  readonly priorities: readonly Priority[];
  /** Youngest age treated in whole years, inclusive; `null` for no lower limit. */
  readonly minAgeYears: number | null;
  /** Oldest age treated in whole years, inclusive; `null` for no upper limit. */
  readonly maxAgeYears: number | null;
  readonly sexTreated: SexTreated;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

/** What a referral asks of a service. `today` is the current date in UK local time. */
export interface EligibilityRequest {
  readonly priority: Priority;
  readonly ageYears: number;
  readonly sex: PatientSex;
  readonly requestType: SearchRequestType;
  readonly today: string;
}

/** Why a service cannot take a request. */
export type IneligibilityReason =
  | 'NOT_IN_EFFECT'
  | 'REQUEST_TYPE_NOT_OFFERED'
  | 'PRIORITY_NOT_ACCEPTED'
  | 'AGE_NOT_TREATED'
  | 'SEX_NOT_TREATED';

/** Whether a service offers this kind of request: referrals go to appointment or triage services. */
export function offersRequestType(flow: RequestFlow, requestType: SearchRequestType): boolean {
  return requestType === 'ADVICE_AND_GUIDANCE_REQUEST'
    ? flow === 'ADVICE_AND_GUIDANCE_REQUEST'
    : flow === 'APPOINTMENT_REQUEST' || flow === 'TRIAGE_REQUEST';
}

/** Whether a service is in effect on `day` (ISO dates compare correctly as strings). */
export function isInEffect(
  service: Pick<ServiceRestrictions, 'effectiveFrom' | 'effectiveTo'>,
  day: string,
): boolean {
  return (
    service.effectiveFrom <= day && (service.effectiveTo === null || day <= service.effectiveTo)
  );
}

/** Whether a service treats a patient of this sex. Unknown sex needs a service for both. */
export function treatsSex(sexTreated: SexTreated, sex: PatientSex): boolean {
  if (sexTreated === 'MALE_AND_FEMALE') return true;
  return sexTreated === sex;
}

/** Whether a service treats a patient of this age in whole years. */
export function treatsAge(
  service: Pick<ServiceRestrictions, 'minAgeYears' | 'maxAgeYears'>,
  ageYears: number,
): boolean {
  return (
    (service.minAgeYears === null || ageYears >= service.minAgeYears) &&
    (service.maxAgeYears === null || ageYears <= service.maxAgeYears)
  );
}

/**
 * Every reason a service cannot take this request; an empty list means it can.
 * Reasons come in a fixed order so callers can show the first as the main one.
 */
export function ineligibilityReasons(
  service: ServiceRestrictions,
  request: EligibilityRequest,
): IneligibilityReason[] {
  const reasons: IneligibilityReason[] = [];
  if (!isInEffect(service, request.today)) reasons.push('NOT_IN_EFFECT');
  if (!offersRequestType(service.requestFlow, request.requestType)) {
    reasons.push('REQUEST_TYPE_NOT_OFFERED');
  }
  if (!service.priorities.includes(request.priority)) reasons.push('PRIORITY_NOT_ACCEPTED');
  if (!treatsAge(service, request.ageYears)) reasons.push('AGE_NOT_TREATED');
  if (!treatsSex(service.sexTreated, request.sex)) reasons.push('SEX_NOT_TREATED');
  return reasons;
}

/** Whether a service can take this request. */
export function isServiceEligible(
  service: ServiceRestrictions,
  request: EligibilityRequest,
): boolean {
  return ineligibilityReasons(service, request).length === 0;
}
