import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../modules/identity/index.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { startHousekeeping } from './scheduler.js';

const NOW = new Date('2026-11-23T09:30:00Z');

describe('housekeeping', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('deletes sessions that ended more than a day ago and keeps the rest', async () => {
    const [old, recent, live] = await Promise.all(
      ['rc.leeds', 'ra.leeds', 'spa.leeds'].map((u) => server.signIn(u)),
    );
    const em = server.db.orm.em.fork();
    const byUser = async (userId: string) => em.fork().findOneOrFail(Session, { user: userId });
    await em.nativeUpdate(
      Session,
      { user: old!.userId },
      { expiresAt: new Date(NOW.getTime() - 2 * 86_400_000) },
    );
    await em.nativeUpdate(
      Session,
      { user: recent!.userId },
      { expiresAt: new Date(NOW.getTime() - 3_600_000) },
    );
    const housekeeping = startHousekeeping({
      orm: server.db.orm,
      log: pino({ level: 'silent' }),
      clock: () => NOW,
      everyMs: 3_600_000,
      confirmationTimeoutMs: 120_000,
    });
    await housekeeping.runOnce();
    housekeeping.stop();
    expect(await em.fork().count(Session, { user: old!.userId })).toBe(0);
    expect((await byUser(recent!.userId)).id).toBeDefined();
    expect((await byUser(live!.userId)).id).toBeDefined();
    // The recently ended session still answers SESSION_EXPIRED rather than "not signed in".
    const late = await recent!.graphql('{ worklistCounts { worklist } }');
    expect(late.errors?.[0]?.extensions?.code).toBe('SESSION_EXPIRED');
  });
});
