import type { DatabaseConfig } from '../config.js';
import { syncReferenceData } from '../modules/directory/index.js';
import { seedDemoData } from '../seed/demo-seed.js';
import { ukDate } from '../time.js';
import { openDatabase, type Orm } from './orm.js';

/**
 * Opens the database ready for use: migrations applied, reference data in line with the
 * domain package, and (when asked) the demo data set loaded into an empty database.
 */
export async function bootstrapDatabase(
  db: DatabaseConfig,
  options: { seedDemo: boolean; now: Date },
): Promise<{ orm: Orm; seeded: boolean }> {
  const orm = await openDatabase(db);
  try {
    const em = orm.em.fork();
    await syncReferenceData(em);
    const seeded = options.seedDemo
      ? await seedDemoData(em.fork(), { today: ukDate(options.now), now: options.now })
      : false;
    return { orm, seeded };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
