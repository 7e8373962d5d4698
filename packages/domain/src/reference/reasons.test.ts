import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/index.js';
import {
  APPOINTMENT_CANCELLATION_REASONS,
  DID_NOT_ATTEND_REASONS,
  findReason,
  REASON_CATALOGUES,
  REASONS,
  reasonsUsableBy,
  REDIRECT_REASONS,
  REFERRAL_CANCELLATION_REASONS,
  REJECTION_REASONS,
  TRIAGE_OUTCOMES,
} from './reasons.js';

describe('reason catalogues (reference §9)', () => {
  it('has every catalogue, each with unique codes and at least one role per reason', () => {
    for (const name of REASON_CATALOGUES) {
      const codes = REASONS[name].map((r) => r.code);
      expect(new Set(codes).size, name).toBe(codes.length);
      for (const reason of REASONS[name]) {
        expect(reason.catalogue).toBe(name);
        expect(reason.roles.length, `${name}.${reason.code}`).toBeGreaterThan(0);
        for (const role of reason.roles) expect(ROLES).toContain(role);
      }
    }
  });

  it('ends the referral and cancels the appointment for every referral cancellation reason', () => {
    for (const reason of REFERRAL_CANCELLATION_REASONS) {
      expect(reason.endsReferral && reason.cancelsAppointment, reason.code).toBe(true);
    }
  });

  it('makes a comment mandatory for every end-triage reason except TRIAGE_ENDED', () => {
    const endTriage = REFERRAL_CANCELLATION_REASONS.filter((r) => r.type === 'PROVIDER_TRIAGE');
    expect(endTriage.map((r) => r.code)).toEqual([
      'BOOKED_CLINICAL_NEED',
      'COMMUNITY_SERVICE_NA',
      'COMPLEX_PATHWAY',
      'NO_LONGER_REQUIRED',
      'OUTPATIENT_SERVICE_NA',
      'OUTPATIENT_CLINICIAN_NA',
      'STRAIGHT_TO_TEST',
      'OTHER_OTHER',
      'TRIAGE_ENDED',
    ]);
    for (const reason of endTriage) {
      expect(reason.commentMandatory, reason.code).toBe(reason.code !== 'TRIAGE_ENDED');
    }
  });

  it('needs a comment for the catch-all "other" reasons', () => {
    expect(
      findReason('REFERRAL_CANCELLATION', 'PATIENT_REQUEST_CANCELLATION_OTHER')?.commentMandatory,
    ).toBe(true);
    expect(findReason('REJECTION', 'OTHER')?.commentMandatory).toBe(true);
    expect(findReason('DID_NOT_ATTEND', 'OTHER')?.commentMandatory).toBe(true);
    expect(findReason('REDIRECT', 'REDIRECTED_OTHER')?.commentMandatory).toBe(true);
  });

  it('lists the published rejection, redirect and triage codes', () => {
    expect(REJECTION_REASONS.map((r) => r.code)).toEqual([
      'SERVICE_INAPPROPRIATE',
      'FURTHER_INFORMATION_REQUIRED',
      'OUTPATIENT_APPT_NOT_REQUIRED',
      'SERVICE_PREREQUISITES_NOT_COMPLETE',
      'OTHER',
    ]);
    expect(REDIRECT_REASONS).toHaveLength(8);
    expect(TRIAGE_OUTCOMES.map((r) => r.code)).toEqual([
      'ACCEPT_REFER_BOOK_LATER',
      'RETURN_TO_REFERRER_WITH_ADVICE',
    ]);
    expect(
      REJECTION_REASONS.every((r) => r.type === 'PROVIDER_REJECT' && r.cancelsAppointment),
    ).toBe(true);
  });

  it('keeps patient cancellation reasons for the patient side and provider ones for the provider', () => {
    const patientCodes = reasonsUsableBy('APPOINTMENT_CANCELLATION', 'PATIENT').map((r) => r.code);
    expect(patientCodes).toContain('PATIENT_ILL');
    expect(patientCodes).not.toContain('CLINIC_CANCELLED');
    expect(patientCodes).not.toContain('PATIENT_DIED');
    const providerCodes = reasonsUsableBy('APPOINTMENT_CANCELLATION', 'SERVICE_PROVIDER_ADMIN').map(
      (r) => r.code,
    );
    expect(providerCodes).toContain('CLINIC_CANCELLED');
    expect(providerCodes).not.toContain('PATIENT_HOLIDAY');
  });

  it('says which reasons end the referral or leave the slot unusable', () => {
    expect(
      APPOINTMENT_CANCELLATION_REASONS.filter((r) => r.endsReferral).map((r) => r.code),
    ).toEqual(['PATIENT_DIED']);
    expect(DID_NOT_ATTEND_REASONS.filter((r) => r.endsReferral).map((r) => r.code)).toEqual([
      'PATIENT_DIED',
    ]);
    expect(findReason('APPOINTMENT_CANCELLATION', 'CLINIC_CANCELLED')?.slotReusable).toBe(false);
    expect(findReason('APPOINTMENT_CANCELLATION', 'PATIENT_ILL')?.slotReusable).toBe(true);
  });

  it('filters by type and by effective date', () => {
    const provider = reasonsUsableBy('REFERRAL_CANCELLATION', 'SERVICE_PROVIDER_CLINICIAN', {
      types: ['PROVIDER_TRIAGE'],
    });
    expect(provider.every((r) => r.type === 'PROVIDER_TRIAGE')).toBe(true);
    expect(
      reasonsUsableBy('REJECTION', 'SERVICE_PROVIDER_CLINICIAN', { today: '2010-01-01' }),
    ).toEqual([]);
  });

  it('never offers clinical decisions to admin roles', () => {
    for (const role of ['REFERRING_ADMIN', 'SERVICE_PROVIDER_ADMIN'] as const) {
      expect(reasonsUsableBy('REJECTION', role)).toEqual([]);
      expect(reasonsUsableBy('TRIAGE_OUTCOME', role)).toEqual([]);
      expect(reasonsUsableBy('REFERRAL_CANCELLATION', role)).toEqual([]);
      expect(reasonsUsableBy('ADVICE_OUTCOME', role)).toEqual([]);
    }
  });
});
