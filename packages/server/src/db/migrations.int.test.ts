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

  it.runIf(TEST_DB_KIND === 'sqlite')(
    'keep every appointment’s slot when slot_supply rebuilds the slot table (regression: dropping it nulled them)',
    async () => {
      const scratch = await createScratchDatabase('sqlite');
      const orm = (await MikroORM.init(ormOptions(scratch.config))) as Orm;
      try {
        const migrator = orm.getMigrator();
        await migrator.up({ to: 'Migration20261121064305_advice' });
        const conn = orm.em.fork().getConnection();
        const now = Date.now();
        const rows = [
          `insert into organisation (id, ods_code, name, kind, created_at) values ('o1', 'R99', 'Trust', 'PROVIDER', ${now})`,
          `insert into site (id, ods_code, name, organisation_id, address_line, town, postcode, latitude, longitude) values ('s1', 'R9901', 'Site', 'o1', '1 Road', 'Leeds', 'LS1 3EX', 53.8, -1.55)`,
          `insert into specialty (code, name) values ('CARDIOLOGY', 'Cardiology')`,
          `insert into clinic_type (code, name, specialty_code) values ('CARD_GENERAL', 'General', 'CARDIOLOGY')`,
          `insert into service (id, name, provider_id, site_id, specialty_code, clinic_type_code, appointment_type, request_flow, bookable_type, priorities, sex_treated, letter_required, effective_from, version, created_at, updated_at, reservation_days) values ('v1', 'Clinic', 'o1', 's1', 'CARDIOLOGY', 'CARD_GENERAL', 'FIRST_OUTPATIENT', 'APPOINTMENT_REQUEST', 'DIRECTLY_BOOKABLE', 'ROUTINE', 'MALE_AND_FEMALE', 0, '2026-01-01', 1, ${now}, ${now}, 0)`,
          `insert into patient (id, nhs_number, given_name, family_name, date_of_birth, sex, address_line, town, postcode, created_at) values ('p1', '9434765919', 'A', 'B', '1960-01-01', 'FEMALE', '1 Road', 'Leeds', 'LS1 3EX', ${now})`,
          `insert into referral (id, ubrn, access_code, patient_id, referring_organisation_id, referring_clinician_id, state, priority, version, snapshot, created_at, last_activity_at, updated_at) values ('r1', '000049614844', 'ABCD2345', 'p1', 'o1', 'u1', 'BOOKED', 'ROUTINE', 1, '{}', ${now}, ${now}, ${now})`,
          `insert into slot (id, service_id, start_at, end_at, for_routine, for_urgent, for_two_week_wait, status, published_at) values ('t1', 'v1', ${now}, ${now + 900_000}, 1, 0, 0, 'BOOKED', ${now})`,
          `insert into appointment (id, referral_id, service_id, slot_id, status, is_current, created_at, updated_at) values ('a1', 'r1', 'v1', 't1', 'BOOKED', 1, ${now}, ${now})`,
        ];
        for (const sql of rows) await conn.execute(sql);
        await migrator.up();
        const [appointment] = await conn.execute<{ slot_id: string | null }[]>(
          "select slot_id from appointment where id = 'a1'",
        );
        expect(appointment?.slot_id).toBe('t1');
        const [slot] = await conn.execute<{ status: string; offer: number }[]>(
          "select status, offer from slot where id = 't1'",
        );
        expect(slot).toMatchObject({ status: 'BOOKED', offer: 0 });
        // The rebuilt slot table takes the new status, and still refuses one it does not know.
        await conn.execute("update slot set status = 'BLOCKED' where id = 't1'");
        await expect(
          conn.execute("update slot set status = 'GONE' where id = 't1'"),
        ).rejects.toThrow();
        expect(await conn.execute('pragma foreign_key_check')).toEqual([]);
      } finally {
        await orm.close(true);
        await scratch.drop();
      }
    },
  );
});
