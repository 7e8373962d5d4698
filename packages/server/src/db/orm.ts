import { appendFileSync } from 'node:fs';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { MikroORM, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { SERVER_PACKAGE_ROOT } from '../config.js';
import { ENTITIES } from './entities.js';
import { postgresqlMigrations } from './migrations-postgresql.js';
import { sqliteMigrations } from './migrations-sqlite.js';

export type Orm = MikroORM<AbstractSqlDriver>;
export type EntityManager = SqlEntityManager;

/** Folder holding one dialect's migration sources (used when creating a migration). */
export function migrationsFolder(kind: DatabaseConfig['kind']): string {
  return path.join(SERVER_PACKAGE_ROOT, 'src', 'migrations', kind);
}

/** A statement as `SQL_CAPTURE_FILE` records it. */
export interface CapturedStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** MikroORM's `onQuery` hook writing each statement to `file` (synchronously, in order). */
function captureTo(file: string) {
  return (sql: string, params: readonly unknown[]) => {
    appendFileSync(file, `${JSON.stringify({ sql, params } satisfies CapturedStatement)}\n`);
    return sql;
  };
}

/**
 * MikroORM options for either database. Both dialects share the entities; each has its own
 * committed migrations, listed statically (folder discovery breaks under Vite-based runners).
 */
export function ormOptions(
  db: DatabaseConfig,
  overrides: { migrationsList?: MigrationObject[]; debug?: boolean } = {},
): Options<AbstractSqlDriver> {
  const common = {
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    // Request code always uses a forked EntityManager from the request context.
    allowGlobalContext: false,
    forceUndefined: false,
    // DB_DEBUG=1 logs every SQL statement (for finding N+1 loads and counting round trips).
    debug: overrides.debug ?? process.env.DB_DEBUG === '1',
    // SQL_CAPTURE_FILE=<path> appends every statement with its parameters there as a JSON line:
    // the bench replays what the server sent as its bare baseline (src/bench/bare-baseline.ts).
    ...(process.env.SQL_CAPTURE_FILE ? { onQuery: captureTo(process.env.SQL_CAPTURE_FILE) } : {}),
    ignoreUndefinedInQuery: true,
  } satisfies Options<AbstractSqlDriver>;

  const migrations = (list: MigrationObject[]) => ({
    migrationsList: overrides.migrationsList ?? list,
    path: migrationsFolder(db.kind),
    pathTs: migrationsFolder(db.kind),
    snapshot: false,
    transactional: true,
    allOrNothing: true,
    emit: 'ts' as const,
    silent: true,
  });

  if (db.kind === 'sqlite') {
    return {
      ...common,
      driver: BetterSqliteDriver as unknown as Options<AbstractSqlDriver>['driver'],
      dbName: db.path,
      migrations: migrations(sqliteMigrations),
      pool: {
        min: 1,
        max: 1,
        // WAL lets readers run beside the writer; FULL sync means a committed (acknowledged)
        // write survives a power cut; the busy timeout makes concurrent writers (other server
        // processes on the same file) wait instead of failing at once.
        afterCreate: (
          conn: { pragma(sql: string): unknown },
          done: (e: unknown, c: unknown) => void,
        ) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = FULL');
          conn.pragma('busy_timeout = 10000');
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        },
      },
    } as Options<AbstractSqlDriver>;
  }
  return {
    ...common,
    driver: PostgreSqlDriver as unknown as Options<AbstractSqlDriver>['driver'],
    clientUrl: db.url,
    migrations: migrations(postgresqlMigrations),
    pool: { min: 0, max: 10 },
    driverOptions: { connection: { options: OLTP_SESSION_SETTINGS } },
  } as Options<AbstractSqlDriver>;
}

/**
 * Settings for every PostgreSQL connection the server opens (sent as startup options, so no
 * extra round trip). The server's queries are short OLTP statements, each well under a
 * millisecond of work on indexed rows:
 * - no parallel workers: the bench saw PostgreSQL launch them for the earliest-slot query in about
 *   half of all searches, at 11.7 ms mean against 0.81 ms without them (issue 12);
 * - no JIT compilation: at national scale the planner's cost estimates pass `jit_above_cost` and
 *   compiling would cost more than running.
 * Reports that need parallel scans can `SET LOCAL` inside their own transaction.
 */
export const OLTP_SESSION_SETTINGS = '-c max_parallel_workers_per_gather=0 -c jit=off';

/**
 * Opens the database and brings its schema up to date by running the committed migrations.
 * Never synchronises the schema from the entities.
 */
export async function openDatabase(
  db: DatabaseConfig,
  options: { migrate?: boolean } = {},
): Promise<Orm> {
  const orm = (await MikroORM.init(ormOptions(db))) as Orm;
  if (options.migrate ?? true) {
    await orm.getMigrator().up();
  }
  return orm;
}

/**
 * Refreshes the query planner's statistics (`ANALYZE`, on both dialects). Run after a bulk load:
 * until autovacuum gets round to it, PostgreSQL plans against the empty tables it last saw and
 * picks index scans that read every slot (a 0.4 ms query took 7 ms on the regional bench data).
 */
export async function refreshPlannerStatistics(em: EntityManager): Promise<void> {
  await em.getConnection().execute('ANALYZE');
}
