import { formatNhsNumber, formatUbrn } from '@open-ers/domain';
import type { EntityManager } from '../db/orm.js';
import { Patient } from '../modules/patients/index.js';
import { Referral } from '../modules/referrals/index.js';
import { SHOWCASE_PATIENTS, SHOWCASE_SERVICES } from './demo-seed.js';
import { DEMO_PASSWORD, type DemoUser } from './demo-users.js';

/** A demo user's sign-in, for the start banner and the README. */
export interface DemoSignIn {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: string;
}

/** A demo patient as the start banner lists them: everything needed to find them. */
export interface DemoPatient {
  readonly name: string;
  /** Spaced 3-3-4, as people read it. */
  readonly nhsNumber: string;
  /** `2 June 1958`. */
  readonly dateOfBirth: string;
  /** Their GP practice and its ODS code. */
  readonly practice: string;
  /** What they are good for trying. */
  readonly journey: string;
  /** A referral of theirs waiting to be booked (its UBRN, spaced 4-4-4), if there is one. */
  readonly toBook: string | null;
}

/** What each kind of user can try, and which demo users are that kind. */
export const DEMO_JOURNEYS: readonly {
  readonly who: string;
  readonly usernames: readonly DemoUser['username'][];
  readonly what: string;
}[] = [
  {
    who: 'GP practice',
    usernames: ['rc.leeds', 'rca.leeds', 'ra.leeds'],
    what: `"New referral": a demo patient's NHS number, then choose services and book (${shortName(SHOWCASE_SERVICES.bookable)} has slots), defer to the provider (${shortName(SHOWCASE_SERVICES.noSlots)} has none) or send for triage; the worklists show the practice's referrals`,
  },
  {
    who: 'Provider clinician',
    usernames: ['spc.leeds', 'spca.leeds'],
    what: '"Referrals for review": accept or reject a booked referral, answer a triage request',
  },
  {
    who: 'Provider admin',
    usernames: ['spa.leeds'],
    what: '"Appointment slot issues" and "Appointments for booking": book a deferred referral for the patient',
  },
  {
    who: 'Service definer',
    usernames: ['sd.leeds', 'spc2.leeds'],
    what: '"Services": create a service, add a schedule, publish slots, the slot calendar; "Sites"',
  },
  {
    who: 'Commissioner or analyst',
    usernames: ['commissioner.wy', 'analyst.wy'],
    what: '"Find a service": the Directory of Services as referrers see it (no reports yet)',
  },
  {
    who: 'Provider system',
    usernames: ['sd.leeds'],
    what: 'feedSlots over GraphQL, with a service definer\'s token (README, "Slot supply")',
  },
  {
    who: 'Another organisation',
    usernames: ['rc.bradford', 'spc.bradford'],
    what: 'Leeds referrals stay out of sight: try opening one by its UBRN',
  },
];

function shortName(serviceName: string): string {
  return serviceName.split(' - ')[0]!;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * The showcase patients as they are in the database (null when the demo data is not loaded):
 * name, NHS number, date of birth, practice, and a referral of theirs waiting to be booked.
 */
export async function demoPatientRows(em: EntityManager): Promise<DemoPatient[]> {
  const rows: DemoPatient[] = [];
  for (const showcase of SHOWCASE_PATIENTS) {
    const patient = await em.findOne(
      Patient,
      { nhsNumber: showcase.nhsNumber },
      { populate: ['registeredPractice'] },
    );
    if (!patient) continue;
    const waiting = await em.findOne(
      Referral,
      { patient: patient.id, state: 'NOT_BOOKED' },
      { orderBy: { createdAt: 'asc' } },
    );
    const practice = patient.registeredPractice?.$;
    rows.push({
      name: `${patient.givenName} ${patient.familyName}`,
      nhsNumber: formatNhsNumber(patient.nhsNumber),
      dateOfBirth: longDate.format(new Date(`${patient.dateOfBirth}T00:00:00Z`)),
      practice: practice
        ? `${practice.name}, ${practice.town} (${practice.odsCode})`
        : 'no practice',
      journey: showcase.journey,
      toBook: waiting ? formatUbrn(waiting.ubrn) : null,
    });
  }
  return rows;
}

/** Lines of a table with each column padded to its widest cell. */
function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${indent}${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

/**
 * The banner `pnpm start` ends with: where open-ers is, and with the demo data loaded, every
 * demo sign-in, the demo patients to refer, and what to try as each kind of user. Built from
 * the seeded database, so it never drifts from the data.
 */
export function startBanner(info: {
  readonly url: string;
  readonly database: string;
  readonly seeded: boolean;
  readonly signIns: readonly DemoSignIn[];
  readonly patients: readonly DemoPatient[];
}): string {
  const lines = [
    '',
    `  open-ers is running at ${info.url}/`,
    `  GraphQL API:          ${info.url}/graphql`,
    `  Database:             ${info.database}${info.seeded ? ', demo data loaded' : ''}`,
    '',
  ];
  if (info.signIns.length > 0) {
    lines.push(
      `  Demo sign-ins (password: ${DEMO_PASSWORD}):`,
      ...table(
        info.signIns.map((s) => [s.username, s.name, s.role, s.organisation]),
        '    ',
      ),
      '',
    );
  }
  if (info.patients.length > 0) {
    lines.push(
      '  Demo patients (fictional; NHS numbers in the 999 test range):',
      ...table(
        info.patients.map((p) => [
          p.nhsNumber,
          p.name,
          `born ${p.dateOfBirth}`,
          `GP: ${p.practice}`,
        ]),
        '    ',
      ),
      ...info.patients.map(
        (p) =>
          `    ${p.name}: ${p.journey}${p.toBook ? `; referral ${p.toBook} is waiting to be booked` : ''}`,
      ),
      '',
    );
  }
  if (info.signIns.length > 0) {
    const signedIn = new Set(info.signIns.map((s) => s.username));
    lines.push(
      '  What to try (the README has more):',
      ...DEMO_JOURNEYS.filter((j) => j.usernames.some((u) => signedIn.has(u))).map(
        (j) => `    ${j.who} (${j.usernames.join(', ')}): ${j.what}`,
      ),
      '',
      `  Open ${info.url}/ and sign in as one of the demo users above.`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
