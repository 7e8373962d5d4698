import type { DatabaseConfig } from '../config.js';
import { syncReferenceData } from '../modules/directory/index.js';
import { seedDemoData } from '../seed/demo-seed.js';
import { seedDemoReferrals } from '../seed/demo-referrals.js';
import { demoPatientRows, type DemoPatient, type DemoSignIn } from '../seed/demo-guide.js';
import { demoSignInRows, seedDemoUsers } from '../seed/demo-users.js';
import { ukDate } from '../time.js';
import { openDatabase, type Orm } from './orm.js';

export type { DemoPatient, DemoSignIn } from '../seed/demo-guide.js';

/**
 * Opens the database ready for use: migrations applied, reference data in line with the
 * domain package, and (when asked) the demo data set and demo users loaded into an empty
 * database. `demoSignIns` lists the demo users when they are there, and `demoPatients` the
 * demo patients to try referring (for the start banner).
 */
export async function bootstrapDatabase(
  db: DatabaseConfig,
  options: { seedDemo: boolean; now: Date; seedDemoReferrals?: boolean },
): Promise<{
  orm: Orm;
  seeded: boolean;
  demoSignIns: DemoSignIn[];
  demoPatients: DemoPatient[];
}> {
  const orm = await openDatabase(db);
  try {
    const em = orm.em.fork();
    await syncReferenceData(em);
    const seeded = options.seedDemo
      ? await seedDemoData(em.fork(), { today: ukDate(options.now), now: options.now })
      : false;
    // Demo users come with the demo directory; a database seeded before they existed gets
    // them on its next start.
    const demoUsers = options.seedDemo
      ? await seedDemoUsers(em.fork(), { now: options.now })
      : false;
    const demoSignIns = demoUsers ? await demoSignInRows(em.fork()) : [];
    // A fresh demo gets referrals in a spread of states, so worklists are not empty at first.
    if (seeded && demoUsers && (options.seedDemoReferrals ?? true)) {
      await seedDemoReferrals(orm, { now: options.now });
    }
    // Listed after the demo referrals, so a patient's referral waiting to be booked is named.
    const demoPatients = demoUsers ? await demoPatientRows(em.fork()) : [];
    return { orm, seeded, demoSignIns, demoPatients };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
