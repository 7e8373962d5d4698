import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_PACKAGE_ROOT } from '../config.js';
import { Referral } from '../modules/referrals/index.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { DEMO_JOURNEYS, demoPatientRows, startBanner, type DemoPatient } from './demo-guide.js';
import { seedDemoReferrals } from './demo-referrals.js';
import { SHOWCASE_PATIENTS } from './demo-seed.js';
import { DEMO_PASSWORD, DEMO_USERS, demoSignInRows } from './demo-users.js';

const NOW = new Date('2026-11-21T10:00:00Z');
const URL = 'http://localhost:4000';

describe('the start banner and the README: everything a newcomer needs to try every journey', () => {
  let server: TestServer;
  let banner: string;
  let patients: DemoPatient[];

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      seedDemo: true,
      prepare: async (db) => {
        await seedDemoReferrals(db.orm, { now: NOW });
      },
    });
    const em = server.db.orm.em.fork();
    patients = await demoPatientRows(em);
    banner = startBanner({
      url: URL,
      database: 'SQLite (test)',
      seeded: true,
      signIns: await demoSignInRows(em),
      patients,
    });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('lists every demo sign-in with its role, and the password', () => {
    expect(banner).toContain(`password: ${DEMO_PASSWORD}`);
    for (const user of DEMO_USERS) {
      const line = banner.split('\n').find((l) => l.trim().startsWith(`${user.username} `));
      expect(line, user.username).toBeDefined();
      expect(line).toContain(user.displayName);
    }
    expect(banner).toMatch(/rc\.leeds\s+Dr Asha Patel\s+Referring clinician \(RC\)/);
  });

  it('prints demo patients whose NHS numbers the patient lookup finds, with their name, date of birth and practice', async () => {
    const printed = [...banner.matchAll(/\b(\d{3} \d{3} \d{4})\b/g)].map((m) => m[1]!);
    expect(printed.length).toBeGreaterThanOrEqual(3);
    expect(printed).toEqual(
      SHOWCASE_PATIENTS.map((p) => p.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3')),
    );
    const gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    for (const nhsNumber of printed) {
      // Typed as printed, spaces and all.
      const found = await gp.graphql<{
        patient: {
          givenName: string;
          familyName: string;
          dateOfBirth: string;
          registeredPractice: { name: string; odsCode: string } | null;
        } | null;
      }>(
        'query ($n: String!) { patient(nhsNumber: $n) { givenName familyName dateOfBirth registeredPractice { name odsCode } } }',
        { n: nhsNumber },
      );
      expect(found.errors, nhsNumber).toBeUndefined();
      const patient = found.data!.patient!;
      expect(patient, nhsNumber).not.toBeNull();
      const line = banner.split('\n').find((l) => l.includes(nhsNumber))!;
      expect(line).toContain(`${patient.givenName} ${patient.familyName}`);
      const [y, m, d] = patient.dateOfBirth.split('-').map(Number) as [number, number, number];
      const born = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      expect(line).toContain(`born ${born}`);
      expect(line).toContain(patient.registeredPractice!.name);
      expect(line).toContain(patient.registeredPractice!.odsCode);
    }
  });

  it('names a demo patient with a referral waiting to be booked, by a UBRN that is theirs and waiting', async () => {
    const waiting = patients.filter((p) => p.toBook);
    expect(waiting.length).toBeGreaterThan(0);
    for (const p of waiting) {
      expect(banner).toContain(`referral ${p.toBook} is waiting to be booked`);
      const referral = await server.db.orm.em
        .fork()
        .findOneOrFail(Referral, { ubrn: p.toBook!.replace(/ /g, '') }, { populate: ['patient'] });
      expect(referral.state).toBe('NOT_BOOKED');
      expect(`${referral.patient.$.givenName} ${referral.patient.$.familyName}`).toBe(p.name);
    }
  });

  it('says what to try as each kind of user, naming only demo users, and ends with the address', () => {
    const usernames = new Set(DEMO_USERS.map((u) => u.username));
    for (const journey of DEMO_JOURNEYS) {
      for (const u of journey.usernames) expect(usernames, u).toContain(u);
      expect(banner).toContain(`${journey.who} (${journey.usernames.join(', ')}): ${journey.what}`);
    }
    // Every demo user is somebody's way in.
    for (const u of usernames) {
      expect(
        DEMO_JOURNEYS.some((j) => j.usernames.includes(u)),
        u,
      ).toBe(true);
    }
    for (const kind of [
      'GP practice',
      'Provider clinician',
      'Provider admin',
      'Service definer',
      'Commissioner or analyst',
    ]) {
      expect(banner).toContain(`    ${kind} (`);
    }
    expect(banner.trimEnd().split('\n').at(-1)).toBe(
      `  Open ${URL}/ and sign in as one of the demo users above.`,
    );
  });

  it("keeps the README's demo section in line with the seed: every sign-in and every demo patient", () => {
    const readme = readFileSync(path.join(SERVER_PACKAGE_ROOT, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Demo sign-ins'),
      readme.indexOf('## What open-ers is'),
    );
    expect(section).toContain(DEMO_PASSWORD);
    for (const user of DEMO_USERS) expect(section).toContain(`\`${user.username}\``);
    for (const p of patients) {
      const row = section.split('\n').find((l) => l.includes(p.nhsNumber));
      expect(row, `README row for ${p.nhsNumber}`).toBeDefined();
      expect(row).toContain(p.name);
      expect(row).toContain(p.dateOfBirth);
      expect(row).toContain(p.practice);
      expect(row).toContain(p.journey);
    }
  });
});
