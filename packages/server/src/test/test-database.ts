import type { DatabaseConfig } from '../config.js';
import { openDatabase, type Orm } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch-database.js';
import { syncReferenceData } from '../modules/directory/index.js';

/** The database kind this test run uses: the vitest project sets TEST_DB. */
export const TEST_DB_KIND: DatabaseConfig['kind'] =
  process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';

export interface TestDatabase {
  readonly orm: Orm;
  readonly config: DatabaseConfig;
  /** Closes the ORM and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database with reference data (specialties, clinic types, postcodes) and
 * nothing else, created through the same ORM factory as production. Each test file gets its
 * own, so runs never collide.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(TEST_DB_KIND, process.env.TEST_DATABASE_URL);
  try {
    const orm = await openDatabase(scratch.config);
    await syncReferenceData(orm.em.fork());
    return {
      orm,
      config: scratch.config,
      async drop() {
        await orm.close(true);
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}
