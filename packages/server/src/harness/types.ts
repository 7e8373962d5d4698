/**
 * The resilience harnesses (issue 10): each drives a real server (or two) against a real
 * database from outside, the way an attacker or an operator would, then reads the database
 * directly and prints a verdict with its figures.
 *
 * Run one by hand at full size with `pnpm --filter @open-ers/server harness <name> --full`;
 * CI runs each at small size from `src/harness/<name>.int.test.ts` on PostgreSQL.
 */

/** How big a run is: `small` fits in CI (well under a minute), `full` is the size. */
export type HarnessSize = 'small' | 'full';

export interface HarnessOptions {
  readonly size: HarnessSize;
  /** A PostgreSQL server the harness may create scratch databases on. */
  readonly adminDatabaseUrl: string;
  /** Redis for the multi-instance harnesses, or null to run without it. */
  readonly redisUrl: string | null;
  /** Progress lines for a person watching (not the verdict). */
  readonly log: (line: string) => void;
}

/** What a harness found. */
export interface HarnessVerdict {
  readonly name: string;
  readonly size: HarnessSize;
  readonly pass: boolean;
  /** Measured figures, for example `{ attempts: 10000, booked: 300, p95Ms: 41 }`. */
  readonly figures: Readonly<Record<string, number | string>>;
  /** One plain-English line per broken promise (empty when `pass`). */
  readonly failures: readonly string[];
}

export type Harness = (options: HarnessOptions) => Promise<HarnessVerdict>;

/** Builds a verdict: it passes when there are no failures. */
export function verdict(
  name: string,
  size: HarnessSize,
  figures: Record<string, number | string>,
  failures: readonly string[],
): HarnessVerdict {
  return { name, size, pass: failures.length === 0, figures, failures };
}

/** The verdict as a person reads it. */
export function formatVerdict(v: HarnessVerdict): string {
  const lines = [`${v.pass ? 'PASS' : 'FAIL'}  ${v.name} (${v.size})`];
  for (const [key, value] of Object.entries(v.figures)) lines.push(`  ${key}: ${value}`);
  for (const failure of v.failures) lines.push(`  ✗ ${failure}`);
  return lines.join('\n');
}
