import { describe, expect, it } from 'vitest';
import { actors, dbs, GP, ICB, TRUST, OTHER_TRUST, PATIENT_ID } from '../test-support/fixtures.js';
import {
  hasLegitimateRelationship,
  maySeeReferrer,
  referralAccess,
  type ReferralParties,
} from './relationship.js';
import { canSeeClinicalContent, ROLES, roleActedFor, roleInfo } from './roles.js';

const parties = (providers: string[] = []): ReferralParties => ({
  patientId: PATIENT_ID,
  referringOrganisationId: GP,
  commissioningOrganisationId: ICB,
  providerOrganisationIds: providers,
});

describe('roles', () => {
  it('has the ten roles of reference §2 and the provider system role', () => {
    expect(ROLES).toHaveLength(11);
    expect(roleInfo('REFERRING_CLINICIAN').abbreviation).toBe('RC');
    expect(roleInfo('SERVICE_PROVIDER_CLINICIAN_ADMIN').actsOnBehalfOf).toBe('ALWAYS');
  });

  it('lets only clinicians and their admins see clinical content, never admin roles', () => {
    expect(ROLES.filter(canSeeClinicalContent)).toEqual([
      'REFERRING_CLINICIAN',
      'REFERRING_CLINICIAN_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN',
      'SERVICE_PROVIDER_CLINICIAN_ADMIN',
    ]);
  });
});

describe('legitimate relationships', () => {
  it('gives the referring organisation access in every state', () => {
    expect(referralAccess(parties(), actors.rc)).toBe('CLINICAL');
    expect(referralAccess(parties(), actors.ra)).toBe('ADMINISTRATIVE');
    expect(referralAccess(parties(), actors.otherRc)).toBe('NONE');
  });

  it('hides a referral from a provider until it is booked, deferred or sent to one of its services', () => {
    // Being on the shortlist is not enough: the shortlist is only the referrer's choice.
    expect(dbs().providerOrganisationId).toBe(TRUST);
    expect(hasLegitimateRelationship(parties(), actors.spc)).toBe(false);
    expect(referralAccess(parties([TRUST]), actors.spc)).toBe('CLINICAL');
    expect(referralAccess(parties([TRUST]), actors.spa)).toBe('ADMINISTRATIVE');
    expect(referralAccess(parties([TRUST]), actors.otherSpc)).toBe('NONE');
    expect(referralAccess(parties([OTHER_TRUST, TRUST]), actors.otherSpc)).toBe('CLINICAL');
  });

  it('gives the provider that made an onward referral access to it, as its referrer', () => {
    const onward = { ...parties(), referringOrganisationId: TRUST };
    expect(referralAccess(onward, actors.spc)).toBe('CLINICAL');
    expect(referralAccess(onward, actors.spa)).toBe('ADMINISTRATIVE');
    expect(referralAccess(onward, actors.otherSpc)).toBe('NONE');
  });

  it('lets the patient see their own referral, without clinical content', () => {
    expect(referralAccess(parties(), actors.patient)).toBe('ADMINISTRATIVE');
    expect(referralAccess(parties(), actors.otherPatient)).toBe('NONE');
  });

  it('lets commissioners and analysts see administrative facts where they are party', () => {
    expect(referralAccess(parties(), actors.commissioner)).toBe('ADMINISTRATIVE');
    expect(referralAccess(parties(), actors.analyst)).toBe('ADMINISTRATIVE');
    expect(
      referralAccess({ ...parties(), commissioningOrganisationId: null }, actors.commissioner),
    ).toBe('NONE');
  });

  it('never gives a service definer access to referrals', () => {
    expect(referralAccess(parties([TRUST]), actors.sd)).toBe('NONE');
  });
});

describe('who may see who referred', () => {
  it('names the referrer to staff of the referring practice and of a provider party, admins included', () => {
    for (const actor of [actors.rc, actors.rca, actors.ra]) {
      expect(maySeeReferrer(parties(), actor)).toBe(true);
    }
    for (const actor of [actors.spc, actors.spca, actors.spa]) {
      expect(maySeeReferrer(parties([TRUST]), actor)).toBe(true);
    }
  });

  it('never names the referrer to anyone without a relationship, patients or oversight roles', () => {
    // A provider before the referral reaches it, another practice, another trust.
    expect(maySeeReferrer(parties(), actors.spc)).toBe(false);
    expect(maySeeReferrer(parties([TRUST]), actors.otherRc)).toBe(false);
    expect(maySeeReferrer(parties([TRUST]), actors.otherSpa)).toBe(false);
    // Party to it, but they see organisations, not staff.
    expect(referralAccess(parties(), actors.patient)).toBe('ADMINISTRATIVE');
    expect(maySeeReferrer(parties(), actors.patient)).toBe(false);
    expect(referralAccess(parties(), actors.commissioner)).toBe('ADMINISTRATIVE');
    expect(maySeeReferrer(parties(), actors.commissioner)).toBe(false);
    expect(maySeeReferrer(parties([TRUST]), actors.analyst)).toBe(false);
    expect(maySeeReferrer(parties([TRUST]), actors.sd)).toBe(false);
  });

  it('knows which clinician role an admin acts for', () => {
    expect(roleActedFor('REFERRING_CLINICIAN_ADMIN')).toBe('REFERRING_CLINICIAN');
    expect(roleActedFor('SERVICE_PROVIDER_CLINICIAN_ADMIN')).toBe('SERVICE_PROVIDER_CLINICIAN');
    expect(roleActedFor('REFERRING_ADMIN')).toBeNull();
  });
});
