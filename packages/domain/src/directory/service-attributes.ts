/**
 * Attributes of a Directory of Services entry (e-RS `eRS-HealthcareService`).
 */

/** How a service is asked for. A service never takes both appointments and triage requests. */
export const REQUEST_FLOWS = [
  'APPOINTMENT_REQUEST',
  'TRIAGE_REQUEST',
  'ADVICE_AND_GUIDANCE_REQUEST',
] as const;
/** A request flow. */
export type RequestFlow = (typeof REQUEST_FLOWS)[number];

/** Whether the service's slots are published to open-ers (direct) or booked by phone (indirect). */
export const BOOKABLE_TYPES = ['DIRECTLY_BOOKABLE', 'INDIRECTLY_BOOKABLE'] as const;
/** A bookable type. */
export type BookableType = (typeof BOOKABLE_TYPES)[number];

/** Appointment types of a service (reference §7). */
export const APPOINTMENT_TYPES = [
  'FIRST_OUTPATIENT',
  'ASSESSMENT_SERVICE',
  'DAY_CASE',
  'DIAGNOSTIC',
  'NURSE_CLINIC',
  'AHP_CLINIC',
  'GPSI',
  'OPHTHALMOLOGIST',
  'TELEPHONE_ASSESSMENT',
] as const;
/** An appointment type. */
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];

/** Sexes a service treats. */
export const SEXES_TREATED = ['MALE', 'FEMALE', 'MALE_AND_FEMALE'] as const;
/** The sexes a service treats. */
export type SexTreated = (typeof SEXES_TREATED)[number];

/**
 * A patient's recorded sex (NHS Personal Demographics Service administrative gender). Only
 * services that treat both sexes are offered when it is not known or indeterminate.
 */
export const PATIENT_SEXES = ['MALE', 'FEMALE', 'INDETERMINATE', 'UNKNOWN'] as const;
/** A patient's recorded sex. */
export type PatientSex = (typeof PATIENT_SEXES)[number];

/** Organisation kinds in the directory, identified by ODS-style codes. */
export const ORGANISATION_KINDS = ['GP_PRACTICE', 'PROVIDER', 'COMMISSIONER'] as const;
/** An organisation kind. */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** What a search is for: a referral (appointment or triage services) or Advice & Guidance. */
export const SEARCH_REQUEST_TYPES = ['APPOINTMENT_REQUEST', 'ADVICE_AND_GUIDANCE_REQUEST'] as const;
/** A search request type. */
export type SearchRequestType = (typeof SEARCH_REQUEST_TYPES)[number];

/** Plain-English names of appointment types. */
export const APPOINTMENT_TYPE_NAMES: Readonly<Record<AppointmentType, string>> = {
  FIRST_OUTPATIENT: 'First outpatient',
  ASSESSMENT_SERVICE: 'Assessment service',
  DAY_CASE: 'Day case',
  DIAGNOSTIC: 'Diagnostic',
  NURSE_CLINIC: 'Nurse clinic',
  AHP_CLINIC: 'Allied health professional clinic',
  GPSI: 'GP with special interest',
  OPHTHALMOLOGIST: 'Ophthalmologist',
  TELEPHONE_ASSESSMENT: 'Telephone assessment',
};
