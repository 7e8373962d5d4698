import { describe, expect, it } from 'vitest';
import { TEST_DB_KIND } from '../test/test-database.js';
import { runBench } from './bench.js';

/**
 * Keeps the benchmark harness working: CI runs it at its smallest scale and checks every scenario
 * ran without a failed request. Its timings are not asserted (a shared CI machine is too noisy).
 */
describe('the benchmark harness', () => {
  it('runs every scenario at smoke scale without a failed request', async () => {
    const report = await runBench({ scale: 'smoke', db: TEST_DB_KIND });
    expect(report.results.map((r) => r.name)).toHaveLength(6);
    for (const result of report.results) {
      expect(result.requests, result.name).toBeGreaterThan(0);
      expect(result.errors, result.name).toBe(0);
    }
    // The steady-rate row is sent on a clock, not as fast as answers come back: at smoke scale
    // (20 a second for a second) it sends exactly that many.
    const steady = report.results.find((r) => r.name.includes('steady'));
    expect(steady?.requests).toBe(20);
    expect(report.markdown).toContain('| scenario |');
    // On PostgreSQL each read scenario is measured beside its floor: the SQL the server sent,
    // captured from it, replayed by the bare handler (and pgbench where installed).
    if (TEST_DB_KIND === 'postgresql') {
      expect(report.baselines.map((b) => b.scenario)).toEqual(['search', 'slots', 'worklist']);
      for (const baseline of report.baselines) {
        expect(baseline.bare.requests, baseline.scenario).toBeGreaterThan(0);
        expect(baseline.bare.errors, baseline.scenario).toBe(0);
        if (baseline.pgbench) {
          expect(baseline.pgbench.transactionsPerSecond, baseline.scenario).toBeGreaterThan(0);
        }
      }
      expect(report.markdown).toContain('| bare handler req/s |');
    } else {
      expect(report.baselines).toEqual([]);
    }
  }, 240_000);
});
