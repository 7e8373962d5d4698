/**
 * The bench's floor, measured in the same run as open-ers (issue 12): the SQL the real server
 * sends for a request, captured from a real server process (SQL_CAPTURE_FILE), replayed
 *  - by a minimal HTTP handler on a plain `pg` pool (bare-server.ts), under the same load as the
 *    server, so open-ers's throughput over the handler's is the framework's overhead; and
 *  - by pgbench, when it is installed, with the same clients: the database's own ceiling.
 */
import { spawn, execFile } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SERVER_PACKAGE_ROOT } from '../config.js';
import { OLTP_SESSION_SETTINGS, type CapturedStatement } from '../db/orm.js';
import { startServerProcess } from '../harness/instances.js';
import type { BareScript } from './bare-server.js';

/** Formats a statement with its values inlined, as MikroORM sends it (the platform's formatQuery). */
export type SqlFormatter = (sql: string, params: readonly unknown[]) => string;

/** A request of a scenario, against a server at `url` whose clients it made. */
export type ScenarioRequests = Record<string, (i: number) => Promise<boolean>>;

const UUID_LITERAL = /'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'/g;

/**
 * A captured statement as the replay runs it: values inlined, on one line, and, for audit rows,
 * fresh ids each time (`gen_random_uuid()`: the audit table holds plain ids, no foreign keys), as
 * the server makes a new one for every line it writes.
 */
export function replayable(sql: string): string {
  const line = sql.replace(/\s*\n\s*/g, ' ').trim();
  return /^insert into "audit_event"/i.test(line)
    ? line.replace(UUID_LITERAL, 'gen_random_uuid()')
    : line;
}

/** Reads what was appended to `file` since byte `from`. */
function readFrom(file: string, from: number): string {
  const size = statSync(file).size;
  if (size <= from) return '';
  const buffer = Buffer.alloc(size - from);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/**
 * Starts a real server process with SQL capture on, makes the scenarios' requests against it one
 * at a time (after a few unrecorded ones, so caches are warm as under load) and returns, per
 * scenario, each request's statements ready to replay. Captured in the first seconds of the
 * process, before its first housekeeping run (30 s), so nothing else is interleaved.
 */
export async function captureScenarios(options: {
  env: Record<string, string>;
  requests: (url: string) => Promise<ScenarioRequests>;
  variants: number;
  format: SqlFormatter;
}): Promise<BareScript> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'open-ers-capture-'));
  const file = path.join(dir, 'statements.jsonl');
  writeFileSync(file, '');
  const server = await startServerProcess(
    { ...options.env, BACKGROUND_JOBS: '0', SQL_CAPTURE_FILE: file },
    { label: 'capture' },
  );
  try {
    const requests = await options.requests(server.url);
    const script: BareScript = {};
    for (const [key, request] of Object.entries(requests)) {
      for (let i = 1; i <= 3; i++) await request(-i);
      script[key] = [];
      for (let i = 0; i < options.variants; i++) {
        const from = statSync(file).size;
        if (!(await request(i))) throw new Error(`capture: request ${i} of ${key} failed`);
        const statements = readFrom(file, from)
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as CapturedStatement)
          .map((s) => replayable(options.format(s.sql, s.params)));
        if (statements.length === 0) throw new Error(`capture: ${key} ran no SQL`);
        script[key].push(statements);
      }
    }
    return script;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The minimal handler, running in a process of its own. */
export interface BareHandler {
  /** A request of `scenario` (the load's `i` picks the captured variant). */
  request(scenario: string): (i: number) => Promise<boolean>;
  stop(): Promise<void>;
}

export async function startBareHandler(
  script: BareScript,
  databaseUrl: string,
): Promise<BareHandler> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'open-ers-bare-'));
  const scriptFile = path.join(dir, 'script.json');
  writeFileSync(scriptFile, JSON.stringify(script));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@open-ers/source',
      path.join(SERVER_PACKAGE_ROOT, 'src', 'bench', 'bare-server.ts'),
    ],
    {
      cwd: SERVER_PACKAGE_ROOT,
      env: { ...process.env, BARE_DATABASE_URL: databaseUrl, BARE_SCRIPT: scriptFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /bare handler at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then(() =>
      reject(new Error(`the bare handler exited before it started:\n${output}`)),
    );
  });
  return {
    request: (scenario) => async (i) => {
      const response = await fetch(`${url}/${scenario}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ i }),
      });
      await response.arrayBuffer();
      return response.status === 200;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** pgbench's figures for one scenario's SQL. */
export interface PgbenchResult {
  readonly transactionsPerSecond: number;
  readonly latencyMs: number;
}

/** Whether pgbench is installed here. */
export async function hasPgbench(): Promise<boolean> {
  try {
    await promisify(execFile)('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a scenario's captured requests in pgbench (one script per request, picked at random, each
 * run a "transaction"), with the server's connection settings, `clients` connections on two
 * threads, in simple query mode as the server sends them.
 */
export async function runPgbench(
  requests: readonly string[][],
  databaseUrl: string,
  options: { clients: number; seconds: number },
): Promise<PgbenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'open-ers-pgbench-'));
  try {
    const files = requests.map((statements, i) => {
      const file = path.join(dir, `request-${i}.sql`);
      writeFileSync(file, statements.map((s) => `${s};`).join('\n') + '\n');
      return file;
    });
    const { stdout } = await promisify(execFile)(
      'pgbench',
      [
        '--no-vacuum',
        '--protocol=simple',
        `--client=${options.clients}`,
        '--jobs=2',
        `--time=${options.seconds}`,
        ...files.flatMap((file) => ['--file', file]),
        databaseUrl,
      ],
      { env: { ...process.env, PGOPTIONS: OLTP_SESSION_SETTINGS }, maxBuffer: 16 * 1024 * 1024 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!tps || !latency) throw new Error(`pgbench printed no figures:\n${stdout}`);
    return { transactionsPerSecond: Number(tps[1]), latencyMs: Number(latency[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
