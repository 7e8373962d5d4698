import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../jobs/background-jobs.js';
import { act, codeOf, HOLD_SLOT, MUTATIONS, showcase, slotsFor } from '../test/referral-client.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { startTestServer, type TestServer, type TestSession } from '../test/test-server.js';
import { createMetrics, serveMetrics, type MetricsEndpoint } from './metrics.js';

const NOW = new Date('2026-11-21T10:00:00Z');

/** One sample of a scrape: its labels and value. */
interface Sample {
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** Reads the samples of one metric out of the Prometheus text format, whatever the label order. */
function samples(text: string, name: string): Sample[] {
  const found: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!;
    }
    found.push({ labels, value: Number(match[3]) });
  }
  return found;
}

/** The value of the one sample whose labels include `labels`, or 0 when there is none. */
function valueOf(text: string, name: string, labels: Record<string, string>): number {
  const matching = samples(text, name).filter((s) =>
    Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  expect(matching.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return matching[0]?.value ?? 0;
}

describe(`operational metrics (${TEST_DB_KIND})`, () => {
  let server: TestServer;
  let endpoint: MetricsEndpoint;
  let gp: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;

  const scrape = async () => {
    const response = await fetch(endpoint.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    endpoint = await serveMetrics(server.metrics, 0);
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
  }, 120_000);

  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });

  const create = (patientId: string) =>
    act(gp, 'createReferral', {
      patientId,
      priority: 'ROUTINE',
      serviceIds: [places.arrhythmia.id],
      letterStatus: 'NEED_TO_ADD_LATER',
      clinicalInformation: 'Intermittent palpitations for three months.',
    });

  it('serves the Prometheus text format on its own listener, bound to loopback', async () => {
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await scrape();
    // The process's own figures, labelled with the service.
    expect(samples(text, 'process_cpu_user_seconds_total')[0]?.labels.service).toBe('open-ers');
    expect(samples(text, 'nodejs_eventloop_lag_seconds').length).toBe(1);
    // Anything else on the metrics port is a JSON 404.
    const other = await fetch(endpoint.url.replace('/metrics', '/graphql'));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('is not served on the public port', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('openers_');
  });

  it('times GraphQL operations by root field and outcome, whatever the client calls them', async () => {
    const before = await scrape();
    const count = (text: string, field: string, outcome: string) =>
      valueOf(text, 'openers_graphql_request_duration_seconds_count', {
        type: field === 'createReferral' ? 'mutation' : 'query',
        field,
        outcome,
      });
    await create(places.margaret.id);
    await create(places.david.id);
    // A refusal counts under its code; an operation the schema does not have under (invalid).
    const signedOut = await server.graphql(
      'query AnyNameAtAll { referral(ubrn: "000000000000") { ubrn } }',
    );
    expect(codeOf(signedOut)).toBe('UNAUTHENTICATED');
    const invalid = await gp.graphql('query Made { noSuchField }');
    expect(codeOf(invalid)).toBe('GRAPHQL_VALIDATION_FAILED');

    const after = await scrape();
    expect(count(after, 'createReferral', 'ok') - count(before, 'createReferral', 'ok')).toBe(2);
    expect(
      count(after, 'referral', 'UNAUTHENTICATED') - count(before, 'referral', 'UNAUTHENTICATED'),
    ).toBe(1);
    const invalidCount = (text: string) =>
      valueOf(text, 'openers_graphql_request_duration_seconds_count', {
        field: '(invalid)',
        outcome: 'GRAPHQL_VALIDATION_FAILED',
      });
    expect(invalidCount(after) - invalidCount(before)).toBe(1);
    // No series is named after what the client sent.
    expect(after).not.toContain('AnyNameAtAll');
    expect(after).not.toContain('noSuchField');
    // The latency of each landed in a bucket: the +Inf bucket equals the count.
    expect(
      valueOf(after, 'openers_graphql_request_duration_seconds_bucket', {
        field: 'createReferral',
        outcome: 'ok',
        le: '+Inf',
      }),
    ).toBe(count(after, 'createReferral', 'ok'));
    // HTTP requests are timed by route, not by path.
    expect(
      valueOf(after, 'openers_http_request_duration_seconds_count', {
        route: '/graphql',
        method: 'POST',
        status: '2xx',
      }),
    ).toBeGreaterThan(0);
  });

  it('counts booking outcomes: a booking, and a second booking of the same slot refused', async () => {
    const first = (await create(places.margaret.id)).referral;
    const second = (await create(places.david.id)).referral;
    const slotId = (await slotsFor(gp, first.ubrn, places.arrhythmia.id)).edges[0]!.node.id;
    const before = await scrape();
    const outcome = (text: string, operation: string, result: string) =>
      valueOf(text, 'openers_booking_outcomes_total', { operation, outcome: result });

    const hold = await gp.graphql(HOLD_SLOT, { input: { ubrn: first.ubrn, slotId } });
    expect(hold.errors).toBeUndefined();
    await act(gp, 'bookAppointment', { ubrn: first.ubrn, slotId, expectedVersion: first.version });
    const taken = await gp.graphql(MUTATIONS.bookAppointment, {
      input: { ubrn: second.ubrn, slotId, expectedVersion: second.version },
    });
    const refusal = codeOf(taken)!;
    expect(refusal).toMatch(/^[A-Z_]+$/);

    const after = await scrape();
    expect(outcome(after, 'holdSlot', 'ok') - outcome(before, 'holdSlot', 'ok')).toBe(1);
    expect(outcome(after, 'bookAppointment', 'ok') - outcome(before, 'bookAppointment', 'ok')).toBe(
      1,
    );
    expect(
      outcome(after, 'bookAppointment', refusal) - outcome(before, 'bookAppointment', refusal),
    ).toBe(1);
  });

  it('reports the database connection pool', async () => {
    const text = await scrape();
    const pool = samples(text, 'openers_db_pool_connections');
    const state = (name: string) => pool.find((s) => s.labels.state === name)?.value;
    // SQLite is one connection; PostgreSQL a pool of several.
    if (TEST_DB_KIND === 'sqlite') expect(state('max')).toBe(1);
    else expect(state('max')).toBeGreaterThan(1);
    expect(state('used')! + state('free')!).toBeLessThanOrEqual(state('max')!);
    expect(samples(text, 'openers_db_pool_waiting_requests')).toHaveLength(1);
  });

  it('reports the background job queue depth as the queue counts it', async () => {
    const runner = createJobRunner(server.db.config, {
      orm: server.db.orm,
      log: pino({ level: 'silent' }),
    });
    await runner.start();
    const metrics = createMetrics({ orm: server.db.orm, jobs: runner });
    try {
      const depth = async () => {
        const text = await metrics.registry.metrics();
        return valueOf(text, 'openers_job_queue_jobs', { state: 'queued', queue: runner.kind });
      };
      const before = await depth();
      expect(before).toBe((await runner.counts()).queued);
      // Due in an hour: it waits in the queue, whoever is working it.
      await runner.enqueue(
        'expire-holds',
        { key: 'metrics-test' },
        {
          startAfter: new Date(Date.now() + 3_600_000),
        },
      );
      expect(await depth()).toBe(before + 1);
    } finally {
      await runner.stop();
    }
  });
});
