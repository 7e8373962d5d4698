import { describe, expect, it } from 'vitest';
import { ORGANISATION_KINDS } from '../directory/service-attributes.js';
import { delegatedClinicianRole, mayHoldRoleAt, mayLinkClinician } from './role-assignment.js';
import { ROLES, roleInfo, roleSide } from './roles.js';

describe('mayHoldRoleAt', () => {
  it('places referring roles at GP practices and provider roles at providers', () => {
    for (const role of ROLES) {
      const side = roleSide(role);
      if (side === 'REFERRER') {
        expect(mayHoldRoleAt(role, 'GP_PRACTICE')).toBe(true);
        expect(mayHoldRoleAt(role, 'PROVIDER')).toBe(false);
      }
      if (side === 'PROVIDER') {
        expect(mayHoldRoleAt(role, 'PROVIDER')).toBe(true);
        expect(mayHoldRoleAt(role, 'GP_PRACTICE')).toBe(false);
      }
    }
  });

  it('lets information analysts work anywhere and commissioners only at commissioners', () => {
    for (const kind of ORGANISATION_KINDS) {
      expect(mayHoldRoleAt('INFORMATION_ANALYST', kind)).toBe(true);
      expect(mayHoldRoleAt('COMMISSIONER', kind)).toBe(kind === 'COMMISSIONER');
    }
  });

  it('never assigns the patient role to an organisation', () => {
    for (const kind of ORGANISATION_KINDS) expect(mayHoldRoleAt('PATIENT', kind)).toBe(false);
  });
});

describe('delegatedClinicianRole', () => {
  it('names the clinician role for exactly the roles that act on behalf of one', () => {
    for (const role of ROLES) {
      const delegated = delegatedClinicianRole(role);
      expect(delegated !== null).toBe(roleInfo(role).actsOnBehalfOf !== 'NEVER');
    }
    expect(delegatedClinicianRole('SERVICE_PROVIDER_CLINICIAN_ADMIN')).toBe(
      'SERVICE_PROVIDER_CLINICIAN',
    );
    expect(delegatedClinicianRole('REFERRING_CLINICIAN_ADMIN')).toBe('REFERRING_CLINICIAN');
  });
});

describe('mayLinkClinician', () => {
  const spca = {
    userId: 'a',
    role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
    organisationId: 'RR8',
  } as const;
  const spc = { userId: 'c', role: 'SERVICE_PROVIDER_CLINICIAN', organisationId: 'RR8' } as const;

  it('links a provider clinician admin to a provider clinician of the same organisation', () => {
    expect(mayLinkClinician(spca, spc)).toBe(true);
  });

  it('refuses a clinician at another organisation', () => {
    expect(mayLinkClinician(spca, { ...spc, organisationId: 'RAE' })).toBe(false);
  });

  it('refuses the wrong clinician role and links from roles that act for no one', () => {
    expect(mayLinkClinician(spca, { ...spc, role: 'REFERRING_CLINICIAN' })).toBe(false);
    expect(mayLinkClinician({ ...spca, role: 'SERVICE_PROVIDER_ADMIN' }, spc)).toBe(false);
  });

  it('refuses a link from a user to themself', () => {
    expect(mayLinkClinician(spca, { ...spc, userId: 'a' })).toBe(false);
  });
});
