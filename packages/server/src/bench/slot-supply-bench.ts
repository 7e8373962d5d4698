/**
 * Slot supply benchmark: the provider-system feed of 10,000 slots in one call (create, retry,
 * move every one) and automatic resolution of 10,000 deferred referrals (matching, then
 * offering each its slot; and booking a sample as the provider's system), through the
 * services on a fresh database. Prints a Markdown table.
 *
 *   pnpm --filter @open-ers/server exec tsx --conditions=@open-ers/source src/bench/slot-supply-bench.ts
 *   BENCH_DB=sqlite ...                   # the embedded database (default PostgreSQL)
 *   BENCH_SLOT_ISSUES=2000 ...            # fewer deferred referrals (default 10,000)
 *
 * TEST_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Priority } from '@open-ers/domain';
import { openDatabase } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch-database.js';
import { Service, syncReferenceData } from '../modules/directory/index.js';
import { slotSupplyServices } from '../modules/slots/slot-supply.test-support.js';
import { createProviderWithSite, createService } from '../test/fixtures/directory.js';
import { actorAt, createPatient, createPractice } from '../test/fixtures/workflow.js';
import { WITH_CLINICAL_INFORMATION } from '../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;
const FEED_SIZE = 10_000;
const ISSUES = Number(process.env.BENCH_SLOT_ISSUES ?? 10_000);
const BOOK_SAMPLE = 500;
const PRIORITIES: Priority[] = ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'];

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

async function main(): Promise<void> {
  const kind = process.env.BENCH_DB === 'sqlite' ? 'sqlite' : 'postgresql';
  const scratch = await createScratchDatabase(kind, process.env.TEST_DATABASE_URL);
  const orm = await openDatabase(scratch.config);
  const rows: [string, string][] = [];
  try {
    await syncReferenceData(orm.em.fork());
    const em = orm.em.fork();
    const leeds = await createProviderWithSite(em, { latitude: 53.8, longitude: -1.55 });
    const clinic = await createService(em, leeds, { priorities: PRIORITIES });
    const practice = await createPractice(em);
    const patient = await createPatient(em, practice);
    const pas = actorAt(leeds.provider, 'PROVIDER_AUTHORISED_APPLICATION');
    const gp = actorAt(practice, 'REFERRING_CLINICIAN');

    // 1. Deferred referrals: made through the referral services, as the GP would.
    const [, deferMs] = await timed(async () => {
      const queue = Array.from({ length: ISSUES }, (_, i) => i);
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
            const { referrals, commands } = slotSupplyServices(orm, new Date(NOW.getTime() + i));
            const referral = await referrals.create(
              {
                patientId: patient.id,
                priority: PRIORITIES[i % 3]!,
                serviceIds: [clinic.id],
                letterStatus: 'NOT_INTENDING_TO_ADD',
                ...WITH_CLINICAL_INFORMATION,
              },
              gp,
            );
            // Deferred before the feed publishes any slot (deferral needs none bookable).
            await commands.deferToProvider(
              referral.referral.ubrn,
              gp,
              { serviceId: clinic.id },
              {},
            );
          }
        }),
      );
    });
    rows.push([
      `setup: ${ISSUES} referrals created and deferred (4 at a time)`,
      `${(deferMs / 1000).toFixed(1)} s`,
    ]);

    // 2. The feed: 10,000 back-to-back 20-minute slots from a week ahead (inside every window).
    const slots = Array.from({ length: FEED_SIZE }, (_, i) => ({
      externalId: `PAS-${i}`,
      serviceId: clinic.id,
      startAt: new Date(NOW.getTime() + 7 * 24 * HOUR + i * 20 * 60_000),
      endAt: new Date(NOW.getTime() + 7 * 24 * HOUR + (i + 1) * 20 * 60_000),
      priorities: PRIORITIES,
      withdrawn: false,
    }));
    const feed = (input: typeof slots) =>
      timed(() => slotSupplyServices(orm, NOW).maintenance.feed(input, pas));
    const [created, createMs] = await feed(slots);
    rows.push([`feedSlots: ${created.created} new slots in one call`, `${createMs.toFixed(0)} ms`]);
    const [retry, retryMs] = await feed(slots);
    rows.push([
      `feedSlots: the same call again (${retry.unchanged} unchanged)`,
      `${retryMs.toFixed(0)} ms`,
    ]);
    const moved = slots.map((s) => ({ ...s, endAt: new Date(s.endAt.getTime() + 5 * 60_000) }));
    const [updated, updateMs] = await feed(moved);
    rows.push([
      `feedSlots: every slot changed (${updated.updated} updated)`,
      `${updateMs.toFixed(0)} ms`,
    ]);

    // 3. Matching and offering.
    await em.nativeUpdate(Service, { id: clinic.id }, { slotIssuePolicy: 'OFFER' });
    const issues = slotSupplyServices(orm, NOW).slotIssues;
    const service = await orm.em.fork().findOneOrFail(Service, { id: clinic.id });
    const [matched, matchMs] = await timed(() => issues.match(orm.em.fork(), service));
    rows.push([
      `match: ${ISSUES} slot issues to ${FEED_SIZE} slots (${matched.length} matched)`,
      `${matchMs.toFixed(0)} ms`,
    ]);
    const [offered, offerMs] = await timed(() => issues.resolveForService(clinic.id));
    rows.push([
      `resolveForService (OFFER): ${offered.offered} offers held and recorded`,
      `${(offerMs / 1000).toFixed(2)} s`,
    ]);
    const [again, againMs] = await timed(() =>
      slotSupplyServices(orm, NOW).slotIssues.resolveForService(clinic.id),
    );
    rows.push([
      `resolveForService again (${again.offered} new offers: idempotent)`,
      `${againMs.toFixed(0)} ms`,
    ]);

    // 4. Booking as the system: release the offers, then book a sample.
    await em.nativeUpdate(
      'Slot',
      { service: clinic.id, offer: true },
      {
        status: 'FREE',
        offer: false,
        heldUntil: null,
        heldForUbrn: null,
      },
    );
    await em.nativeUpdate(Service, { id: clinic.id }, { slotIssuePolicy: 'BOOK' });
    const sample = matched.slice(0, BOOK_SAMPLE);
    const booking = slotSupplyServices(orm, NOW).booking;
    const system = { ...pas, userId: '00000000-0000-4000-8000-00000000a002' };
    const [bookedCount, bookMs] = await timed(async () => {
      let booked = 0;
      for (const { ubrn, slot } of sample) {
        const write = await booking.book(ubrn, { slotId: slot.id }, system);
        if (write.snapshot.state === 'BOOKED') booked++;
      }
      return booked;
    });
    rows.push([
      `BOOK policy: ${bookedCount} bookings as the provider's system, one after another`,
      `${(bookMs / 1000).toFixed(2)} s (${(bookMs / sample.length).toFixed(1)} ms each)`,
    ]);
  } finally {
    await orm.close(true);
    await scratch.drop();
  }
  console.log(`\n### Slot supply (${kind}, ${FEED_SIZE} fed slots, ${ISSUES} slot issues)\n`);
  console.log('| Operation | Time |\n| --- | --- |');
  for (const [what, time] of rows) console.log(`| ${what} | ${time} |`);
}

await main();
