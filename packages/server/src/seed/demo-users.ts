import {
  delegatedClinicianRole,
  mayHoldRoleAt,
  mayLinkClinician,
  roleInfo,
  type Role,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../db/orm.js';
import { Organisation } from '../modules/directory/index.js';
import {
  ClinicianLink,
  PasswordHasher,
  RoleAssignment,
  User,
  type PasswordHashCost,
} from '../modules/identity/index.js';

/** The one password every demo user signs in with. Demo data only: never in production. */
export const DEMO_PASSWORD = 'open-ers-demo';

/** The demo organisations users are placed at, found in the generated demo directory. */
export type DemoPlace =
  | 'LEEDS_PRACTICE'
  | 'LEEDS_PROVIDER'
  | 'WEST_YORKSHIRE_ICB'
  | 'BRADFORD_PRACTICE'
  | 'BRADFORD_PROVIDER';

/** A demo user and the roles they hold. */
export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly professionalId: string;
  readonly roles: readonly { readonly role: Role; readonly at: DemoPlace }[];
  /** For clinician admins: the usernames of the clinicians they act for (at the same place). */
  readonly actsFor?: readonly string[];
  /** Why this user is here, for the README and the start banner. */
  readonly note?: string;
}

/**
 * A demo user for every role at a Leeds GP practice, the Leeds provider trust and the West
 * Yorkshire ICB, plus a Bradford GP and consultant for trying cross-organisation access.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'rc.leeds',
    displayName: 'Dr Asha Patel',
    professionalId: '555000000001',
    roles: [{ role: 'REFERRING_CLINICIAN', at: 'LEEDS_PRACTICE' }],
  },
  {
    username: 'rca.leeds',
    displayName: 'Tom Hughes',
    professionalId: '555000000002',
    roles: [{ role: 'REFERRING_CLINICIAN_ADMIN', at: 'LEEDS_PRACTICE' }],
    actsFor: ['rc.leeds'],
    note: 'names Dr Asha Patel on referrals',
  },
  {
    username: 'ra.leeds',
    displayName: 'Priya Shah',
    professionalId: '555000000003',
    roles: [{ role: 'REFERRING_ADMIN', at: 'LEEDS_PRACTICE' }],
  },
  {
    username: 'spc.leeds',
    displayName: 'Dr Michael Okafor',
    professionalId: '555000000004',
    roles: [{ role: 'SERVICE_PROVIDER_CLINICIAN', at: 'LEEDS_PROVIDER' }],
  },
  {
    username: 'spc2.leeds',
    displayName: 'Dr Sarah Whitfield',
    professionalId: '555000000005',
    roles: [
      { role: 'SERVICE_PROVIDER_CLINICIAN', at: 'LEEDS_PROVIDER' },
      { role: 'SERVICE_DEFINER', at: 'LEEDS_PROVIDER' },
    ],
    note: 'two roles: chooses one after signing in',
  },
  {
    username: 'spca.leeds',
    displayName: 'Emma Clarke',
    professionalId: '555000000006',
    roles: [{ role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN', at: 'LEEDS_PROVIDER' }],
    actsFor: ['spc.leeds'],
    note: 'acts on behalf of Dr Michael Okafor',
  },
  {
    username: 'spa.leeds',
    displayName: 'James Wilson',
    professionalId: '555000000007',
    roles: [{ role: 'SERVICE_PROVIDER_ADMIN', at: 'LEEDS_PROVIDER' }],
  },
  {
    username: 'sd.leeds',
    displayName: 'Rachel Green',
    professionalId: '555000000008',
    roles: [{ role: 'SERVICE_DEFINER', at: 'LEEDS_PROVIDER' }],
  },
  {
    username: 'commissioner.wy',
    displayName: 'David Brown',
    professionalId: '555000000009',
    roles: [{ role: 'COMMISSIONER', at: 'WEST_YORKSHIRE_ICB' }],
  },
  {
    username: 'analyst.wy',
    displayName: 'Fatima Begum',
    professionalId: '555000000010',
    roles: [{ role: 'INFORMATION_ANALYST', at: 'WEST_YORKSHIRE_ICB' }],
  },
  {
    username: 'rc.bradford',
    displayName: 'Dr Owen Davies',
    professionalId: '555000000011',
    roles: [{ role: 'REFERRING_CLINICIAN', at: 'BRADFORD_PRACTICE' }],
    note: 'another practice, for cross-organisation checks',
  },
  {
    username: 'spc.bradford',
    displayName: 'Dr Helen Moore',
    professionalId: '555000000012',
    roles: [{ role: 'SERVICE_PROVIDER_CLINICIAN', at: 'BRADFORD_PROVIDER' }],
    note: 'another provider, for cross-organisation checks',
  },
];

/**
 * Finds the demo places in the generated directory: the first GP practice and the first
 * provider in Leeds and in Bradford (by ODS code; practice and provider 0 of the generator are
 * in Leeds, the first town) and the West Yorkshire ICB (QWO). Null when the demo directory is
 * not loaded.
 */
export async function findDemoPlaces(
  em: EntityManager,
): Promise<Record<DemoPlace, Organisation> | null> {
  const first = (kind: Organisation['kind'], town: string) =>
    em.findOne(Organisation, { kind, town }, { orderBy: { odsCode: 'asc' } });
  const places = {
    LEEDS_PRACTICE: await first('GP_PRACTICE', 'Leeds'),
    LEEDS_PROVIDER: await first('PROVIDER', 'Leeds'),
    WEST_YORKSHIRE_ICB: await em.findOne(Organisation, { odsCode: 'QWO', kind: 'COMMISSIONER' }),
    BRADFORD_PRACTICE: await first('GP_PRACTICE', 'Bradford'),
    BRADFORD_PROVIDER: await first('PROVIDER', 'Bradford'),
  };
  for (const organisation of Object.values(places)) if (!organisation) return null;
  return places as Record<DemoPlace, Organisation>;
}

/**
 * Adds the demo users (all with {@link DEMO_PASSWORD}), their role assignments and clinician
 * links, when the demo directory is loaded and there are no users yet. Returns whether the demo
 * users are there afterwards (added now or before).
 */
export async function seedDemoUsers(
  em: EntityManager,
  options: { now: Date; hashCost?: PasswordHashCost },
): Promise<boolean> {
  if ((await em.count(User)) > 0) {
    return (await em.count(User, { username: DEMO_USERS[0]!.username })) > 0;
  }
  const places = await findDemoPlaces(em);
  if (!places) return false;
  // One hash for every demo user: they share a published password anyway.
  const passwordHash = await new PasswordHasher(options.hashCost).hash(DEMO_PASSWORD);
  await em.transactional(async (tx) => {
    const assignments = new Map<string, RoleAssignment[]>();
    for (const demo of DEMO_USERS) {
      const user = tx.create(User, {
        id: randomUUID(),
        username: demo.username,
        displayName: demo.displayName,
        professionalId: demo.professionalId,
        passwordHash,
        active: true,
        createdAt: options.now,
      });
      assignments.set(
        demo.username,
        demo.roles.map(({ role, at }) => {
          const organisation = places[at];
          if (!mayHoldRoleAt(role, organisation.kind)) {
            throw new Error(`demo user ${demo.username} cannot be ${role} at ${organisation.kind}`);
          }
          return tx.create(RoleAssignment, {
            id: randomUUID(),
            user,
            role,
            organisation,
            createdAt: options.now,
          });
        }),
      );
    }
    for (const demo of DEMO_USERS) {
      for (const clinicianUsername of demo.actsFor ?? []) {
        const admins = assignments
          .get(demo.username)!
          .filter((a) => delegatedClinicianRole(a.role) !== null);
        for (const admin of admins) {
          const clinician = assignments.get(clinicianUsername)!.find((c) => link(admin, c));
          if (!clinician) {
            throw new Error(`demo user ${demo.username} cannot act for ${clinicianUsername}`);
          }
          tx.create(ClinicianLink, { id: randomUUID(), admin, clinician, createdAt: options.now });
        }
      }
    }
  });
  return true;
}

function link(admin: RoleAssignment, clinician: RoleAssignment): boolean {
  return mayLinkClinician(
    { userId: admin.user.id, role: admin.role, organisationId: admin.organisation.id },
    { userId: clinician.user.id, role: clinician.role, organisationId: clinician.organisation.id },
  );
}

/** The demo sign-ins as table rows: username, name, role and organisation. */
export async function demoSignInRows(
  em: EntityManager,
): Promise<{ username: string; name: string; role: string; organisation: string }[]> {
  const places = await findDemoPlaces(em);
  if (!places) return [];
  return DEMO_USERS.flatMap((demo) =>
    demo.roles.map(({ role, at }) => ({
      username: demo.username,
      name: demo.displayName,
      role: `${roleInfo(role).name} (${roleInfo(role).abbreviation})`,
      organisation: `${places[at].name} (${places[at].odsCode})`,
    })),
  );
}
