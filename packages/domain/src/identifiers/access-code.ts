import { DomainError } from '../errors/index.js';
import { randomBelow, type RandomBytes } from './random.js';

/**
 * Patient access codes: the second secret, beside the UBRN, that lets a patient manage their
 * referral without signing in. Eight characters of Crockford base 32 (digits and capital letters
 * without I, L, O and U), shown as two groups of four: `ABCD 2345`. Codes are forgiving to type:
 * case, spaces and hyphens are ignored, O is read as 0, and I and L as 1.
 */

/** The 32 characters an access code is made of (Crockford base 32). */
export const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The number of characters in an access code. */
export const ACCESS_CODE_LENGTH = 8;

/** Normalises an access code as typed; returns `null` if it cannot be one. */
export function parseAccessCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== ACCESS_CODE_LENGTH) return null;
  for (const char of code) if (!ACCESS_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** Whether the text can be an access code. */
export function isValidAccessCode(input: string): boolean {
  return parseAccessCode(input) !== null;
}

/** Parses an access code or throws {@link DomainError} `INVALID_ACCESS_CODE` naming `field`. */
export function requireAccessCode(input: string, field = 'accessCode'): string {
  const code = parseAccessCode(input);
  if (code === null) throw new DomainError('INVALID_ACCESS_CODE', { field });
  return code;
}

/** Formats an access code for a letter or screen: `ABCD 2345`. */
export function formatAccessCode(input: string): string {
  const code = requireAccessCode(input);
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/**
 * Generates an access code from `random` (40 bits of entropy). Pass a cryptographic source:
 * the code is a secret.
 */
export function generateAccessCode(random: RandomBytes): string {
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) {
    code += ACCESS_CODE_ALPHABET[randomBelow(random, ACCESS_CODE_ALPHABET.length)];
  }
  return code;
}
