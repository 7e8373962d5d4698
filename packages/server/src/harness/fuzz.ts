import { Writable } from 'node:stream';
import { errorMessage, type Role } from '@open-ers/domain';
import { createClient } from 'graphql-ws';
import { pino } from 'pino';
import WebSocket from 'ws';
import { openDatabase, type Orm } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch-database.js';
import { syncReferenceData } from '../modules/directory/index.js';
import { seedDemoReferrals } from '../seed/demo-referrals.js';
import { seedDemoData } from '../seed/demo-seed.js';
import { seedDemoUsers } from '../seed/demo-users.js';
import { SeededRandom } from '../seed/random.js';
import { ACCESS_MATRIX } from '../test/access-matrix.js';
import { startTestServer, type TestServer, type TestSession } from '../test/test-server.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { ukDate } from '../time.js';
import {
  emittedSchema,
  fuzzRequest,
  POOL_KINDS,
  schemaOperations,
  type FuzzPools,
  type FuzzRequest,
} from './fuzz-inputs.js';
import { verdict, type Harness, type HarnessOptions } from './types.js';

/**
 * The fuzz harness (issue 10): every query, mutation and subscription of the emitted schema
 * (`schema.graphql`), called as every kind of user with hostile arguments (see
 * `fuzz-inputs.ts`), and the document routes and the HTTP edge with bad bodies, against a real
 * server in production mode on a scratch PostgreSQL database with the demo data. It passes when
 * no response is an internal error or an HTTP 5xx, none carries a stack trace, SQL, a file path
 * or a "Did you mean" suggestion, every error has a code, the server logged nothing at error
 * level, and afterwards the database (read directly) is consistent: every referral has history,
 * every booked slot its active appointment, every active appointment a booked slot.
 */

/** The demo clock: the same day as the tests' demo data. */
const NOW = new Date('2026-11-21T10:00:00Z');
/** The inputs' seed: the same requests every run; FUZZ_SEED=<n> explores others. */
const DEFAULT_SEED = 20_101;

/** Who calls: signed out, a Leeds demo user in each role, and Bradford's clinicians. */
interface Caller {
  readonly label: string;
  readonly role: Role | null;
  /** The demo user (default: the first one holding the role). */
  readonly username?: string;
}

/**
 * The callers. Every real id the harness sends belongs to the Leeds practice, the Leeds trust
 * or the directory, so Bradford's referring and provider clinicians probe another
 * organisation's referrals, patients and documents with real ids and UBRNs.
 */
const CALLERS: readonly Caller[] = [
  { label: 'signed out', role: null },
  ...(
    [
      'REFERRING_CLINICIAN',
      'REFERRING_CLINICIAN_ADMIN',
      'REFERRING_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN',
      'SERVICE_PROVIDER_CLINICIAN_ADMIN',
      'SERVICE_PROVIDER_ADMIN',
      'SERVICE_DEFINER',
      'COMMISSIONER',
      'INFORMATION_ANALYST',
    ] as const
  ).map((role) => ({ label: role, role })),
  { label: 'REFERRING_CLINICIAN (Bradford)', role: 'REFERRING_CLINICIAN', username: 'rc.bradford' },
  {
    label: 'SERVICE_PROVIDER_CLINICIAN (Bradford)',
    role: 'SERVICE_PROVIDER_CLINICIAN',
    username: 'spc.bradford',
  },
];

/** Requests per operation per caller, and clients at once. */
const SIZES = {
  small: { perOperation: 1, concurrency: 4, subscriptionWaitMs: 150 },
  full: { perOperation: 10, concurrency: 6, subscriptionWaitMs: 250 },
} as const;

/** What no response body may hold. */
const LEAKS: readonly [string, RegExp][] = [
  ['stack trace', /\bat [\w.<>$ ]*\(?[^()\s]*:\d+:\d+\)?|"stacktrace"/],
  [
    'SQL',
    // SQL as the ORM writes it (quoted identifiers), and PostgreSQL's own error messages.
    /\\?"\w+\\?"\.\\?"\w+\\?"|\b(from|into|update|join)\s+\\?"\w+\\?"|invalid input syntax for type|violates [\w-]+ constraint|value too long for type|syntax error at or near|duplicate key value|invalid byte sequence/i,
  ],
  ['file path', /\/(work|home|usr|tmp|opt|srv)\/|node_modules|file:\/\/|\b[\w-]+\.(ts|js|mjs):\d+/],
  ['suggestion', /Did you mean/i],
];

/** What the harness counted. */
interface Tally {
  graphqlRequests: number;
  subscriptionRequests: number;
  restRequests: number;
  internalErrors: number;
  http5xx: number;
  leaks: number;
  errorsWithoutCode: number;
  nonJson: number;
  accepted: number;
  refused: number;
  covered: Set<string>;
  /** Operations that answered at least one request without an error (got past every check). */
  answered: Set<string>;
  /** Milliseconds spent per operation (to show where a run's time goes). */
  time: Map<string, number>;
  codes: Map<string, number>;
  /** The first few failures, each once per kind and operation. */
  samples: Map<string, string>;
}

function newTally(): Tally {
  return {
    graphqlRequests: 0,
    subscriptionRequests: 0,
    restRequests: 0,
    internalErrors: 0,
    http5xx: 0,
    leaks: 0,
    errorsWithoutCode: 0,
    nonJson: 0,
    accepted: 0,
    refused: 0,
    covered: new Set(),
    answered: new Set(),
    time: new Map(),
    codes: new Map(),
    samples: new Map(),
  };
}

/** Notes a broken promise, keeping one example per kind of failure and place. */
function sample(tally: Tally, key: string, detail: string): void {
  if (!tally.samples.has(key) && tally.samples.size < 60) tally.samples.set(key, detail);
}

/**
 * Checks one response: its status, that it is JSON whose errors all carry a code (GraphQL's
 * `errors[].extensions.code`, or the REST routes' `error.code`), none internal, and that the body
 * leaks nothing.
 */
function inspect(
  tally: Tally,
  where: string,
  what: string,
  status: number,
  body: string,
  options: { json?: boolean } = {},
): void {
  if (status >= 500) {
    tally.http5xx++;
    sample(tally, `5xx ${where}`, `HTTP ${status} for ${what}: ${body.slice(0, 300)}`);
  }
  for (const [kind, pattern] of LEAKS) {
    const match = pattern.exec(body);
    if (match) {
      tally.leaks++;
      sample(tally, `leak ${kind} ${where}`, `${kind} (“${match[0]}”) in the answer to ${what}`);
    }
  }
  if (options.json === false) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    tally.nonJson++;
    sample(
      tally,
      `non-JSON ${where}`,
      `not JSON (HTTP ${status}) for ${what}: ${body.slice(0, 200)}`,
    );
    return;
  }
  const shaped = parsed as {
    errors?: { message?: string; path?: unknown; extensions?: { code?: unknown } }[];
    error?: { code?: unknown };
  };
  // The formatter's answer to a value the database refused as data (logged, counted there):
  // say which request it was.
  if (shaped.errors?.some((e) => e.path && e.message === errorMessage('BAD_USER_INPUT'))) {
    sample(tally, `database ${where}`, `the database refused a value of ${what}`);
  }
  const codes: unknown[] = shaped.errors
    ? shaped.errors.map((e) => e.extensions?.code)
    : shaped.error
      ? [shaped.error.code]
      : [];
  if (status >= 400 && codes.length === 0) codes.push(undefined);
  if (codes.length === 0) tally.accepted++;
  else tally.refused++;
  for (const code of codes) {
    if (typeof code !== 'string') {
      tally.errorsWithoutCode++;
      sample(
        tally,
        `no code ${where}`,
        `an error without a code for ${what}: ${body.slice(0, 300)}`,
      );
      continue;
    }
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
    if (code === 'INTERNAL_SERVER_ERROR') {
      tally.internalErrors++;
      sample(tally, `internal ${where}`, `INTERNAL_SERVER_ERROR for ${what}`);
    }
  }
}

/** Real ids of every organisation, read directly from the database. */
async function readPools(orm: Orm): Promise<FuzzPools> {
  const connection = orm.em.fork().getConnection();
  const column = async (sql: string): Promise<string[]> =>
    (await connection.execute<{ v: string }[]>(sql)).map((row) => String(row.v));
  const queries: Record<(typeof POOL_KINDS)[number], string> = {
    ubrn: 'select ubrn as v from referral union all select ubrn as v from advice_request order by v',
    service: 'select id as v from service order by id limit 200',
    slot: "select id as v from slot where status in ('FREE', 'BOOKED', 'BLOCKED') order by id limit 300",
    patient: 'select id as v from patient order by id limit 100',
    nhsNumber: 'select nhs_number as v from patient order by nhs_number limit 100',
    document: 'select id as v from referral_document order by id',
    roleAssignment: 'select id as v from role_assignment order by id',
    user: 'select id as v from app_user order by id',
    schedule: 'select id as v from slot_schedule order by id',
    site: 'select id as v from site order by id limit 100',
    specialty: 'select code as v from specialty order by code',
    clinicType: 'select code as v from clinic_type order by code',
  };
  const pools = {} as Record<(typeof POOL_KINDS)[number], readonly string[]>;
  for (const kind of POOL_KINDS) pools[kind] = await column(queries[kind]);
  return pools;
}

/** Rows that break an invariant, read directly from the database after the run. */
async function inconsistencies(orm: Orm): Promise<string[]> {
  const connection = orm.em.fork().getConnection();
  const count = async (sql: string) =>
    Number((await connection.execute<{ n: string }[]>(sql))[0]?.n ?? 0);
  const checks: [string, string][] = [
    [
      'referrals without history',
      'select count(*) as n from referral r where not exists (select 1 from referral_event e where e.referral_id = r.id)',
    ],
    [
      'booked slots without an active appointment',
      "select count(*) as n from slot s where s.status = 'BOOKED' and not exists (select 1 from appointment a where a.slot_id = s.id and a.status in ('PENDING', 'BOOKED'))",
    ],
    [
      'active appointments on a slot that is not booked',
      "select count(*) as n from appointment a join slot s on s.id = a.slot_id where a.status in ('PENDING', 'BOOKED') and s.status <> 'BOOKED'",
    ],
    [
      'slots with more than one active appointment',
      "select count(*) as n from (select slot_id from appointment where status in ('PENDING', 'BOOKED') and slot_id is not null group by slot_id having count(*) > 1) t",
    ],
  ];
  const found: string[] = [];
  for (const [what, sql] of checks) {
    const n = await count(sql);
    if (n > 0) found.push(`${n} ${what}`);
  }
  return found;
}

/** Posts a GraphQL body (any JSON, or raw text) as a client would, returning status and text. */
async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** The headers of a caller: its session cookie, and a documentation address as its origin. */
function callerHeaders(session: TestSession | null, i: number): Record<string, string> {
  return {
    ...(session ? { cookie: `${SESSION_COOKIE}=${session.token}` } : {}),
    // Sign-in failures are counted per address: fuzzed sign-ins come from documentation
    // addresses (the server trusts its loopback proxy), so the harness's own sign-ins go on.
    'x-forwarded-for': `198.51.100.${i % 250}`,
  };
}

/**
 * Subscribes over graphql-ws and reports what came back within `waitMs`: a result (data or
 * errors), nothing (accepted and waiting for events), or the socket closed with a code.
 */
async function subscribeProbe(
  url: string,
  session: TestSession | null,
  request: FuzzRequest,
  waitMs: number,
): Promise<{ body: string; closeCode: number | null }> {
  const headers = session ? { cookie: `${SESSION_COOKIE}=${session.token}` } : {};
  class HeaderWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  let closeCode: number | null = null;
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: HeaderWebSocket,
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const code = (event as { code?: number }).code;
        if (typeof code === 'number' && code !== 1000) closeCode = code;
      },
    },
  });
  try {
    const body = await new Promise<string>((resolve) => {
      let unsubscribe = () => {};
      const finish = (value: string) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      };
      const timer = setTimeout(() => finish(''), waitMs);
      unsubscribe = client.subscribe(
        { query: request.document, variables: request.variables },
        {
          next: (result) => finish(JSON.stringify(result)),
          error: (error) => finish(Array.isArray(error) ? JSON.stringify({ errors: error }) : ''),
          complete: () => finish(''),
        },
      );
    });
    return { body, closeCode };
  } finally {
    await client.dispose();
  }
}

/** Runs `tasks` from `concurrency` workers. */
async function runAll(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

/** The REST edge: document downloads and uploads with bad input, and unreadable GraphQL bodies. */
function restProbes(
  url: string,
  sessions: readonly (TestSession | null)[],
  pools: FuzzPools,
  random: SeededRandom,
  tally: Tally,
): (() => Promise<void>)[] {
  const tasks: (() => Promise<void>)[] = [];
  const call = (
    what: string,
    path: string,
    init: RequestInit,
    options: { json?: boolean; okIsBinary?: boolean } = {},
  ) =>
    tasks.push(async () => {
      tally.restRequests++;
      const response = await fetch(`${url}${path}`, init);
      const text = await response.text();
      const binary = options.okIsBinary && response.status < 300;
      inspect(
        tally,
        `REST ${what}`,
        `${init.method ?? 'GET'} ${path.slice(0, 80)} (${what})`,
        response.status,
        text,
        {
          json: !binary && options.json !== false,
        },
      );
    });
  const badIds = [
    'abc',
    '1',
    "'%20or%201=1",
    '%00',
    'a%07b',
    'x'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
    random.uuid(),
    ...random.sample(pools.document, 3),
  ];
  for (const [index, session] of sessions.entries()) {
    // Bodies of megabytes once signed out and once signed in, not for every caller.
    const heavy = index < 2;
    const cookie: Record<string, string> = session
      ? { cookie: `${SESSION_COOKIE}=${session.token}` }
      : {};
    for (const id of badIds) {
      call('download', `/api/documents/${id}`, { headers: cookie }, { okIsBinary: true });
    }
    const upload = { ...cookie, 'x-open-ers-upload': '1' };
    const multipart = (parts: string, boundary = 'fuzzboundary') => ({
      method: 'POST',
      headers: { ...upload, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: parts,
    });
    const file = (filename: string, content: string) =>
      `--fuzzboundary\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--fuzzboundary--\r\n`;
    call('upload without the header', '/api/documents', {
      method: 'POST',
      headers: cookie,
      body: 'x',
    });
    call('upload as JSON', '/api/documents', {
      method: 'POST',
      headers: { ...upload, 'content-type': 'application/json' },
      body: '{"file":',
    });
    call('upload without a boundary', '/api/documents', {
      method: 'POST',
      headers: { ...upload, 'content-type': 'multipart/form-data' },
      body: 'garbage',
    });
    call('upload of garbage', '/api/documents', multipart('garbage without parts'));
    call('upload with no file', '/api/documents', multipart('--fuzzboundary--\r\n'));
    call('upload of a bad type', '/api/documents', multipart(file('letter.exe', 'MZ')));
    call('upload of an empty file', '/api/documents', multipart(file('letter.txt', '')));
    call(
      'upload with a NUL in the name',
      '/api/documents',
      multipart(file('let\u0000ter.txt', 'hi')),
    );
    call(
      'upload with a control character in the name',
      '/api/documents',
      multipart(file('let\u0007ter.txt', 'hi')),
    );
    if (heavy)
      call(
        'upload with a huge name',
        '/api/documents',
        multipart(file(`${'n'.repeat(100_000)}.txt`, 'hi')),
      );
    call(
      'upload of a field',
      '/api/documents',
      multipart(
        '--fuzzboundary\r\nContent-Disposition: form-data; name="other"\r\n\r\nvalue\r\n--fuzzboundary--\r\n',
      ),
    );
    call(
      'upload with two files',
      '/api/documents',
      multipart(file('a.txt', 'one').replace(/--fuzzboundary--\r\n$/, '') + file('b.txt', 'two')),
    );
    if (heavy)
      call(
        'upload over 5 MB',
        '/api/documents',
        multipart(file('big.txt', 'b'.repeat(5 * 1024 * 1024 + 10))),
      );
    if (session) {
      // A name in any script, then its download (whose header must carry the name).
      tasks.push(async () => {
        tally.restRequests += 2;
        const uploaded = await fetch(
          `${url}/api/documents`,
          multipart(file('Łódź 🩺 "x".txt', 'hi')),
        );
        const body = await uploaded.text();
        inspect(tally, 'REST upload', 'an upload named in any script', uploaded.status, body);
        const id = uploaded.ok
          ? (JSON.parse(body) as { id: string }).id
          : '00000000-0000-4000-8000-000000000000';
        const download = await fetch(`${url}/api/documents/${id}`, { headers: cookie });
        inspect(
          tally,
          'REST download',
          'the download of a file named in any script',
          download.status,
          await download.text(),
          { json: !download.ok },
        );
      });
    }
    // GraphQL bodies the JSON parser or Apollo refuses.
    const gql = (what: string, body: string, headers: Record<string, string> = {}) =>
      call(what, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...cookie, ...headers },
        body,
      });
    gql('malformed JSON', '{"query": "{ me { user { id } } }"');
    gql('a JSON string', '"{ me { user { id } } }"');
    gql('a batch', JSON.stringify([{ query: '{ me { user { id } } }' }]));
    gql('a query that is a number', JSON.stringify({ query: 5 }));
    gql(
      'variables as a string',
      JSON.stringify({ query: '{ specialties { code } }', variables: '{' }),
    );
    gql('an empty body', '');
    gql(
      'an unknown operation name',
      JSON.stringify({ query: '{ specialties { code } }', operationName: 'Nope' }),
    );
    if (heavy)
      gql(
        'a body over 6 MB',
        JSON.stringify({
          query: '{ specialties { code } }',
          variables: { x: 'y'.repeat(7 * 1024 * 1024) },
        }),
      );
    gql(
      'too many aliases',
      JSON.stringify({
        query: `{ ${Array.from({ length: 30 }, (_, k) => `a${k}: specialties { code }`).join(' ')} }`,
      }),
    );
    gql('too many tokens', JSON.stringify({ query: `{ ${'specialties { code } '.repeat(800)} }` }));
    gql('text/plain (cross-site form)', '{ me { user { id } } }', { 'content-type': 'text/plain' });
    call('GET without a preflight header', '/graphql?query=%7Bspecialties%7Bcode%7D%7D', {
      headers: cookie,
    });
    call('an unknown API path', '/api/nothing-here', { headers: cookie });
  }
  return tasks;
}

/** Signs in as the caller's demo user acting in its role (signed out: nobody). */
async function callerSession(server: TestServer, caller: Caller): Promise<TestSession | null> {
  return caller.role ? server.signInAs(caller.role, { username: caller.username }) : null;
}

export const fuzzHarness: Harness = async (options: HarnessOptions) => {
  const started = Date.now();
  const size = SIZES[options.size];
  const seed = Number(process.env.FUZZ_SEED) || DEFAULT_SEED;
  const random = new SeededRandom(seed);
  const schema = emittedSchema();
  const operations = schemaOperations(schema);
  const changesSession = new Set(
    ACCESS_MATRIX.filter((c) => c.changesSession).map((c) => c.operation),
  );
  // What the server logs at error level (a client's mistake must never be logged as one), and
  // each value the database refused as data (the edge should have refused it first).
  const errorLines: string[] = [];
  const reachedDatabase: string[] = [];
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const line = chunk.toString();
        const { level, event } = JSON.parse(line) as { level: number; event?: string };
        if (level >= 50) errorLines.push(line);
        if (event === 'bad_input_reached_database') reachedDatabase.push(line);
        callback();
      },
    }),
  );

  // pg warns (once a process) when a query is sent on a client still running one: queries of a
  // transaction run at once, which pg 9 refuses. Where, from the first application frame.
  const overlapping: string[] = [];
  const onWarning = (warning: Error) => {
    if (!/already executing a query/.test(warning.message)) return;
    const frame = (warning.stack ?? '').split('\n').find((l) => /\/src\/(?!harness)/.test(l));
    overlapping.push(frame?.trim() ?? 'an unknown place');
  };
  process.on('warning', onWarning);
  // Deep enough stacks to reach the application's frame under the driver's.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const scratch = await createScratchDatabase('postgresql', options.adminDatabaseUrl);
  let server: TestServer | undefined;
  let orm: Orm | undefined;
  try {
    orm = await openDatabase(scratch.config);
    await syncReferenceData(orm.em.fork());
    await seedDemoData(orm.em.fork(), { today: ukDate(NOW), now: NOW });
    await seedDemoUsers(orm.em.fork(), { now: NOW });
    await seedDemoReferrals(orm, { now: NOW });
    const pools = await readPools(orm);
    server = await startTestServer({
      now: NOW,
      production: true,
      log,
      sharing: { orm, config: scratch.config, drop: async () => {} },
    });
    const running = server;
    const elapsed = () => `${Math.round((Date.now() - started) / 100) / 10} s`;
    options.log(
      `${elapsed()}: server up in production mode on a scratch database (${pools.ubrn.length} UBRNs, ${pools.service.length} services, ${pools.slot.length} slots)`,
    );

    const sessions = new Map<Caller, TestSession | null>();
    for (const caller of CALLERS) sessions.set(caller, await callerSession(running, caller));

    const tally = newTally();
    const tasks: (() => Promise<void>)[] = [];
    let sequence = 0;
    for (const [kind, field] of operations) {
      const operation = `${kind}.${field.name}`;
      for (const caller of CALLERS) {
        for (let n = 0; n < size.perOperation; n++) {
          const request = fuzzRequest(kind, field, random, pools);
          const i = sequence++;
          const what = `${operation} as ${caller.label} with ${request.hostile}`;
          tasks.push(async () => {
            // An operation that ends or changes the session gets a session of its own.
            const session = changesSession.has(operation)
              ? await callerSession(running, caller)
              : sessions.get(caller)!;
            tally.covered.add(operation);
            const t0 = Date.now();
            if (kind === 'Subscription') {
              tally.subscriptionRequests++;
              const { body, closeCode } = await subscribeProbe(
                running.url,
                session,
                request,
                size.subscriptionWaitMs,
              );
              if (closeCode !== null && closeCode >= 4500) {
                tally.internalErrors++;
                sample(tally, `ws ${operation}`, `the socket closed with ${closeCode} for ${what}`);
              }
              if (body) inspect(tally, operation, what, 200, body);
              return;
            }
            tally.graphqlRequests++;
            const { status, text } = await post(
              running.url,
              JSON.stringify({ query: request.document, variables: request.variables }),
              callerHeaders(session, i),
            );
            inspect(tally, operation, what, status, text);
            if (status === 200 && !text.includes('"errors"')) tally.answered.add(operation);
            tally.time.set(operation, (tally.time.get(operation) ?? 0) + Date.now() - t0);
          });
        }
      }
    }
    tasks.push(...restProbes(running.url, [...sessions.values()], pools, random, tally));
    // Interleave operations and callers, the same order every run.
    const ordered = random.sample(tasks, tasks.length);
    options.log(
      `${elapsed()}: signed in; ${ordered.length} requests from ${size.concurrency} clients`,
    );
    await runAll(ordered, size.concurrency);
    const unanswered = operations
      .map(([k, f]) => `${k}.${f.name}`)
      .filter((op) => !tally.answered.has(op) && !op.startsWith('Subscription.'));
    options.log(`never answered without an error: ${unanswered.join(', ') || 'none'}`);
    const slowest = [...tally.time.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    options.log(
      `${elapsed()}: requests done; most time in ${slowest.map(([op, ms]) => `${op} ${Math.round(ms / 1000)} s`).join(', ')}`,
    );

    await running.close();
    server = undefined;
    const broken = await inconsistencies(orm);
    const covered = operations.filter(([k, f]) => tally.covered.has(`${k}.${f.name}`)).length;
    const failures: string[] = [];
    if (tally.internalErrors) failures.push(`${tally.internalErrors} internal errors`);
    if (tally.http5xx) failures.push(`${tally.http5xx} HTTP 5xx answers`);
    if (tally.leaks) failures.push(`${tally.leaks} answers leaking internals`);
    if (tally.errorsWithoutCode) failures.push(`${tally.errorsWithoutCode} errors without a code`);
    if (tally.nonJson) failures.push(`${tally.nonJson} API answers that are not JSON`);
    if (errorLines.length) failures.push(`${errorLines.length} lines logged at error level`);
    for (const where of overlapping) {
      failures.push(`queries overlapped on one database connection, ${where}`);
    }
    if (reachedDatabase.length) {
      failures.push(`${reachedDatabase.length} values refused by the database, not the edge`);
    }
    if (covered !== operations.length) {
      failures.push(`${operations.length - covered} operations never called`);
    }
    failures.push(...broken.map((b) => `database inconsistent: ${b}`));
    for (const detail of tally.samples.values()) options.log(`✗ ${detail}`);
    for (const line of [...errorLines, ...reachedDatabase].slice(0, 8)) {
      options.log(`log: ${line.slice(0, 500)}`);
    }
    const topCodes = [...tally.codes.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    return verdict(
      'fuzz',
      options.size,
      {
        seed,
        requests: tally.graphqlRequests + tally.subscriptionRequests + tally.restRequests,
        graphqlRequests: tally.graphqlRequests,
        subscriptionRequests: tally.subscriptionRequests,
        restRequests: tally.restRequests,
        callers: CALLERS.length,
        operations: operations.length,
        operationsCovered: covered,
        operationsAnswered: tally.answered.size,
        accepted: tally.accepted,
        refused: tally.refused,
        internalErrors: tally.internalErrors,
        http5xx: tally.http5xx,
        leaks: tally.leaks,
        errorsWithoutCode: tally.errorsWithoutCode,
        errorLogLines: errorLines.length,
        refusedByDatabase: reachedDatabase.length,
        inconsistencies: broken.length,
        topCodes,
        harnessSeconds: Math.round((Date.now() - started) / 100) / 10,
      },
      failures,
    );
  } finally {
    process.off('warning', onWarning);
    Error.stackTraceLimit = stackTraceLimit;
    await server?.close().catch(() => {});
    await orm?.close(true).catch(() => {});
    await scratch.drop();
  }
};
