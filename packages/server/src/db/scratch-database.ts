import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';

/** The PostgreSQL server used for scratch databases (tests, migration generation). */
export const DEFAULT_ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  readonly config: DatabaseConfig;
  /** Removes the database (and, for SQLite, its folder). Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database that nothing else uses, so parallel and repeated runs never
 * collide: a SQLite file in a new temporary folder, or a new PostgreSQL database on the server
 * named by `adminUrl` (a database the caller may connect to and create databases from).
 */
export async function createScratchDatabase(
  kind: DatabaseConfig['kind'],
  adminUrl: string = DEFAULT_ADMIN_DATABASE_URL,
): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'open-ers-'));
    let dropped = false;
    return {
      config: { kind: 'sqlite', path: path.join(dir, 'open-ers.sqlite') },
      drop: async () => {
        if (dropped) return;
        dropped = true;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `openers_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    config: { kind: 'postgresql', url: url.toString() },
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdminClient(adminUrl, (client) =>
        client.query(`drop database if exists "${name}" with (force)`),
      );
    },
  };
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
