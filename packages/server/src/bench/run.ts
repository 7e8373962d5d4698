/**
 * `pnpm --filter @open-ers/server bench`: runs the server benchmarks and prints a Markdown
 * report for BENCHMARKS.md. BENCH_SCALE = smoke | regional (default) | national;
 * BENCH_DB = postgresql (default) | sqlite.
 */
import { runBench, type BenchScaleName } from './bench.js';

const scale = (process.env.BENCH_SCALE ?? 'regional') as BenchScaleName;
if (!['smoke', 'regional', 'national'].includes(scale)) {
  throw new Error('BENCH_SCALE must be smoke, regional or national');
}
const db = process.env.BENCH_DB === 'sqlite' ? 'sqlite' : 'postgresql';
const report = await runBench({ scale, db });
process.stdout.write(`${report.markdown}\n`);
if (report.results.some((r) => r.errors > 0)) {
  process.stderr.write('[bench] some requests failed\n');
  process.exitCode = 1;
}
