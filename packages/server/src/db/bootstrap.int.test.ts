import { afterEach, describe, expect, it } from 'vitest';
import { User } from '../modules/identity/index.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { bootstrapDatabase } from './bootstrap.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

const NOW = new Date('2026-11-21T10:00:00Z');

describe('bootstrapping the database', () => {
  let scratch: ScratchDatabase | undefined;

  afterEach(async () => {
    await scratch?.drop();
  });

  it('loads the demo users with the demo data, lists their sign-ins, and keeps them on the next start', async () => {
    scratch = await createScratchDatabase(TEST_DB_KIND, process.env.TEST_DATABASE_URL);
    const first = await bootstrapDatabase(scratch.config, { seedDemo: true, now: NOW });
    expect(first.seeded).toBe(true);
    expect(first.demoSignIns.map((s) => s.username)).toContain('rc.leeds');
    expect(first.demoSignIns.find((s) => s.username === 'spca.leeds')).toMatchObject({
      name: 'Emma Clarke',
      role: 'Service provider clinician admin (SPCA)',
    });
    expect(first.demoSignIns.find((s) => s.username === 'commissioner.wy')?.organisation).toBe(
      'NHS West Yorkshire Integrated Care Board (QWO)',
    );
    // The start banner's demo patients, found in the database, one with a referral to book.
    expect(first.demoPatients.map((p) => p.nhsNumber)).toEqual([
      '999 000 0026',
      '999 000 0034',
      '999 000 0018',
    ]);
    expect(first.demoPatients.some((p) => p.toBook !== null)).toBe(true);
    await first.orm.close(true);

    const again = await bootstrapDatabase(scratch.config, { seedDemo: true, now: NOW });
    expect(again.seeded).toBe(false);
    expect(again.demoSignIns).toEqual(first.demoSignIns);
    await again.orm.close(true);
  });

  it('adds the demo users to a demo database loaded before they existed', async () => {
    scratch = await createScratchDatabase(TEST_DB_KIND, process.env.TEST_DATABASE_URL);
    const first = await bootstrapDatabase(scratch.config, { seedDemo: true, now: NOW });
    // As if the users had never been added: remove them (sessions and roles go with them).
    await first.orm.em.fork().nativeDelete(User, {});
    await first.orm.close(true);

    const again = await bootstrapDatabase(scratch.config, { seedDemo: true, now: NOW });
    expect(again.demoSignIns.length).toBeGreaterThan(0);
    await again.orm.close(true);
  });

  it('adds no demo users and lists no sign-ins without the demo data', async () => {
    scratch = await createScratchDatabase(TEST_DB_KIND, process.env.TEST_DATABASE_URL);
    const result = await bootstrapDatabase(scratch.config, { seedDemo: false, now: NOW });
    expect(result.demoSignIns).toEqual([]);
    expect(result.demoPatients).toEqual([]);
    expect(await result.orm.em.fork().count(User)).toBe(0);
    await result.orm.close(true);
  });
});
