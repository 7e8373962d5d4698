import { DomainError } from '../errors/index.js';
import { randomBelow, type RandomBytes } from './random.js';

/**
 * UBRNs (Unique Booking Reference Numbers): 12 digits identifying a referral or an Advice &
 * Guidance request, shown to patients as `0000 4961 4844`. e-RS publishes no check digit, so
 * open-ers treats a UBRN as an opaque 12-digit number (reference §11).
 */

/** The number of digits in a UBRN. */
export const UBRN_LENGTH = 12;

/** The largest UBRN a sequence can produce. */
export const MAX_UBRN_SEQUENCE = 999_999_999_999;

/**
 * Strips spaces and hyphens. Returns the 12 digits, or `null` when the text is not 12 digits
 * or is all zeros (never issued).
 */
export function parseUbrn(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(digits) || /^0{12}$/.test(digits)) return null;
  return digits;
}

/** Whether the text is a valid UBRN. */
export function isValidUbrn(input: string): boolean {
  return parseUbrn(input) !== null;
}

/** Parses a UBRN or throws {@link DomainError} `INVALID_UBRN` naming `field`. */
export function requireUbrn(input: string, field = 'ubrn'): string {
  const parsed = parseUbrn(input);
  if (parsed === null) throw new DomainError('INVALID_UBRN', { field });
  return parsed;
}

/** Formats a UBRN in groups of four digits, as on patient letters: `0000 4961 4844`. */
export function formatUbrn(input: string): string {
  const digits = requireUbrn(input);
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
}

/**
 * The UBRN for position `n` of a sequence (1 to {@link MAX_UBRN_SEQUENCE}), zero-padded to 12
 * digits. Use with a database sequence for dense, ordered references.
 */
export function ubrnFromSequence(n: number | bigint): string {
  const value = BigInt(n);
  if (value < 1n || value > BigInt(MAX_UBRN_SEQUENCE)) {
    throw new RangeError(`A UBRN sequence value must be from 1 to ${MAX_UBRN_SEQUENCE}`);
  }
  return value.toString().padStart(UBRN_LENGTH, '0');
}

/**
 * A UBRN drawn uniformly at random from `random`. Callers must still check it is unused: two
 * draws can collide.
 */
export function generateUbrn(random: RandomBytes): string {
  for (;;) {
    // Two draws of six digits each; 10^6 fits comfortably in the 32-bit sampler.
    const high = randomBelow(random, 1_000_000);
    const low = randomBelow(random, 1_000_000);
    const ubrn = `${String(high).padStart(6, '0')}${String(low).padStart(6, '0')}`;
    if (parseUbrn(ubrn) !== null) return ubrn;
  }
}
