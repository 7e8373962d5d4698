/**
 * `pnpm --filter @open-ers/server harness <name|all> [--full]`: runs resilience harnesses and
 * prints each verdict; exits 1 when any fails. Names: race, crash, drain, fuzz, audit.
 *   HARNESS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): where scratch
 *   databases are created; HARNESS_REDIS_URL (default redis://127.0.0.1:6379, '' for none).
 */
import 'reflect-metadata';
import { DEFAULT_ADMIN_DATABASE_URL } from '../db/scratch-database.js';
import { formatVerdict, type Harness, type HarnessVerdict } from './types.js';

const HARNESSES: Record<string, () => Promise<Harness>> = {
  race: async () => (await import('./race.js')).raceHarness,
  crash: async () => (await import('./crash.js')).crashHarness,
  drain: async () => (await import('./drain.js')).drainHarness,
  fuzz: async () => (await import('./fuzz.js')).fuzzHarness,
  audit: async () => (await import('./audit.js')).auditHarness,
};

const args = process.argv.slice(2);
const full = args.includes('--full');
const names = args.filter((a) => !a.startsWith('--'));
const wanted = names.length === 0 || names.includes('all') ? Object.keys(HARNESSES) : names;
const unknown = wanted.filter((n) => !HARNESSES[n]);
if (unknown.length) {
  process.stderr.write(
    `Unknown harness ${unknown.join(', ')}; choose from ${Object.keys(HARNESSES).join(', ')} or all.\n`,
  );
  process.exit(2);
}

const verdicts: HarnessVerdict[] = [];
for (const name of wanted) {
  const harness = await HARNESSES[name]!();
  const started = Date.now();
  const v = await harness({
    size: full ? 'full' : 'small',
    adminDatabaseUrl: process.env.HARNESS_DATABASE_URL?.trim() || DEFAULT_ADMIN_DATABASE_URL,
    redisUrl:
      process.env.HARNESS_REDIS_URL === ''
        ? null
        : process.env.HARNESS_REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
    log: (line) => process.stderr.write(`[${name}] ${line}\n`),
  });
  verdicts.push(v);
  process.stdout.write(
    `${formatVerdict({ ...v, figures: { ...v.figures, seconds: Math.round((Date.now() - started) / 100) / 10 } })}\n\n`,
  );
}
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
