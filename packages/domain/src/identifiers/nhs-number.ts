import { DomainError } from '../errors/index.js';
import { randomBelow, type RandomBytes } from './random.js';

/**
 * NHS numbers: 10 digits, the last a modulus 11 check digit, shown to people as `943 476 5919`
 * (reference §11).
 */

/**
 * Strips the spaces and hyphens people type inside an NHS number. Returns the 10 digits, or
 * `null` when what is left is not exactly 10 digits. It does not check the check digit.
 */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/**
 * The modulus 11 check digit for the first nine digits of an NHS number: weights 10 down to 2,
 * check = 11 − (sum mod 11), with 11 becoming 0. Returns `null` when the check would be 10:
 * no valid NHS number starts with those nine digits.
 * Precondition: `firstNine` is exactly nine digits.
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('Expected exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * Parses an NHS number as a person might type it. Returns the normalised 10 digits, or `null`
 * when it is not 10 digits, fails the modulus 11 check, or repeats one digit ten times
 * (`000 000 0000` and `111 111 1111` pass the checksum but are never issued).
 */
export function parseNhsNumber(input: string): string | null {
  const digits = normaliseNhsNumber(input);
  if (digits === null) return null;
  if (/^(\d)\1{9}$/.test(digits)) return null;
  const check = nhsNumberCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]) ? digits : null;
}

/** Whether the text is a valid NHS number (see {@link parseNhsNumber}). */
export function isValidNhsNumber(input: string): boolean {
  return parseNhsNumber(input) !== null;
}

/**
 * Parses a valid NHS number or throws {@link DomainError} `INVALID_NHS_NUMBER` naming `field`.
 */
export function requireNhsNumber(input: string, field = 'nhsNumber'): string {
  const parsed = parseNhsNumber(input);
  if (parsed === null) throw new DomainError('INVALID_NHS_NUMBER', { field });
  return parsed;
}

/**
 * Formats a valid NHS number the NHS way, in groups of 3, 3 and 4 digits: `943 476 5919`.
 * Throws `INVALID_NHS_NUMBER` for anything that is not a valid NHS number.
 */
export function formatNhsNumber(input: string): string {
  const digits = requireNhsNumber(input);
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * Generates a valid NHS number for test data. By default it starts with `999`, a range widely
 * used for test patients and never issued to real people (see the README's decisions).
 * `prefix` may be 0 to 8 digits; the rest is drawn from `random`.
 */
export function generateNhsNumber(random: RandomBytes, options: { prefix?: string } = {}): string {
  const prefix = options.prefix ?? '999';
  if (!/^\d{0,8}$/.test(prefix)) throw new RangeError('prefix must be 0 to 8 digits');
  for (;;) {
    let body = prefix;
    while (body.length < 9) body += String(randomBelow(random, 10));
    const check = nhsNumberCheckDigit(body);
    const candidate = check === null ? null : `${body}${check}`;
    if (candidate !== null && parseNhsNumber(candidate) !== null) return candidate;
  }
}

const capacities = new Map<string, number>();

/**
 * How many valid NHS numbers start with `prefix` (3 to 8 digits): 909,090 start with `999`,
 * the test range. A generator that needs unique numbers checks this first, so asking for more
 * than there are fails at once instead of searching for ever.
 */
export function countNhsNumbers(prefix = '999'): number {
  if (!/^\d{3,8}$/.test(prefix)) throw new RangeError('prefix must be 3 to 8 digits');
  const known = capacities.get(prefix);
  if (known !== undefined) return known;
  const free = 9 - prefix.length;
  let count = 0;
  for (let i = 0; i < 10 ** free; i++) {
    const body = prefix + String(i).padStart(free, '0');
    const check = nhsNumberCheckDigit(body);
    if (check !== null && parseNhsNumber(`${body}${check}`) !== null) count++;
  }
  capacities.set(prefix, count);
  return count;
}
