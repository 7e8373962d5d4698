import { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from './scratch-database.js';
import { readdirSync } from 'node:fs';
import { postgresqlMigrations } from './migrations-postgresql.js';
import { sqliteMigrations } from './migrations-sqlite.js';
import { migrationsFolder, ormOptions, type Orm } from './orm.js';
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from '../test/test-database.js';

/**
 * The schema of a SQLite database, normalised so that column order (ALTER TABLE ADD COLUMN
 * appends) does not matter: per table its columns, foreign keys, check constraints and indexes.
 * Triggers are left out on purpose: they are added to migrations by hand (the audit table's
 * append-only triggers), entities cannot describe them, and the audit tests check them by
 * behaviour.
 */
async function sqliteSchema(orm: Orm): Promise<Record<string, unknown>> {
  const conn = orm.em.fork().getConnection();
  const tables = await conn.execute<{ name: string; sql: string }[]>(
    "select name, sql from sqlite_master where type = 'table' and name not like 'mikro_orm_%' and name not like 'sqlite_%'",
  );
  const schema: Record<string, unknown> = {};
  for (const { name, sql } of tables) {
    const columns = await conn.execute<Record<string, unknown>[]>(`pragma table_info(\`${name}\`)`);
    const foreignKeys = await conn.execute<Record<string, unknown>[]>(
      `pragma foreign_key_list(\`${name}\`)`,
    );
    const indexes = await conn.execute<{ name: string }[]>(
      `select name, sql from sqlite_master where type = 'index' and tbl_name = '${name}'`,
    );
    const sortBy = (rows: Record<string, unknown>[], key: string) =>
      [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
    schema[name] = {
      columns: sortBy(columns, 'name').map(({ cid: _cid, ...column }) => column),
      foreignKeys: sortBy(foreignKeys, 'from').map(({ id: _id, seq: _seq, ...fk }) => fk),
      checks: (sql.match(/check \([^)]*\)/g) ?? []).sort(),
      indexes: sortBy(indexes, 'name'),
    };
  }
  return schema;
}

describe(`committed ${TEST_DB_KIND} migrations`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('build exactly the schema the entities describe (a migration was not forgotten)', async () => {
    if (TEST_DB_KIND === 'postgresql') {
      const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
      return;
    }
    // MikroORM's SQLite schema diff reports false differences for check constraints, so
    // compare the schema with that of a database created straight from the entities.
    const scratch = await createScratchDatabase('sqlite');
    const fromEntities = (await MikroORM.init(ormOptions(scratch.config))) as Orm;
    try {
      await fromEntities.getSchemaGenerator().createSchema();
      expect(await sqliteSchema(db.orm)).toEqual(await sqliteSchema(fromEntities));
    } finally {
      await fromEntities.close(true);
      await scratch.drop();
    }
  });

  it('are all listed: every migration file is in the static list, in order', () => {
    const files = readdirSync(migrationsFolder(TEST_DB_KIND))
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    const listed = (TEST_DB_KIND === 'sqlite' ? sqliteMigrations : postgresqlMigrations).map(
      (m) => m.name,
    );
    expect(listed).toEqual(files);
  });

  it('are all applied, and applying them again changes nothing', async () => {
    const migrator = db.orm.getMigrator();
    expect(await migrator.getPendingMigrations()).toEqual([]);
    expect(await migrator.up()).toEqual([]);
    const executed = await migrator.getExecutedMigrations();
    expect(executed.length).toBeGreaterThan(0);
  });
});
