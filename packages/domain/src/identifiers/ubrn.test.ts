import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandomBytes } from './random.js';
import {
  formatUbrn,
  generateUbrn,
  isValidUbrn,
  MAX_UBRN_SEQUENCE,
  parseUbrn,
  requireUbrn,
  ubrnFromSequence,
} from './ubrn.js';

describe('UBRNs', () => {
  it('accepts 12 digits as typed, with spaces or hyphens', () => {
    expect(parseUbrn('0000 4961 4844')).toBe('000049614844');
    expect(parseUbrn('0000-4961-4844')).toBe('000049614844');
    expect(parseUbrn('000000070000')).toBe('000000070000');
  });

  it('rejects anything that is not 12 digits, and all zeros', () => {
    for (const bad of ['', '00004961484', '0000496148445', '0000 4961 484A', '000000000000']) {
      expect(isValidUbrn(bad), bad).toBe(false);
    }
  });

  it('formats in groups of four, as on patient letters', () => {
    expect(formatUbrn('000049614844')).toBe('0000 4961 4844');
  });

  it('throws INVALID_UBRN naming the field', () => {
    expect(() => requireUbrn('123', 'bookingReference')).toThrowError(
      expect.objectContaining({ code: 'INVALID_UBRN', field: 'bookingReference' }),
    );
  });

  it('turns a sequence into zero-padded UBRNs, and refuses values out of range', () => {
    expect(ubrnFromSequence(70000)).toBe('000000070000');
    expect(ubrnFromSequence(BigInt(MAX_UBRN_SEQUENCE))).toBe('999999999999');
    expect(() => ubrnFromSequence(0)).toThrow(RangeError);
    expect(() => ubrnFromSequence(MAX_UBRN_SEQUENCE + 1)).toThrow(RangeError);
  });

  it('generates valid UBRNs from a source of randomness', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(isValidUbrn(generateUbrn(seededRandomBytes(seed)))).toBe(true);
      }),
    );
  });

  it('spreads generated UBRNs over the whole range rather than clustering', () => {
    const random = seededRandomBytes(7);
    const leading = new Set(Array.from({ length: 200 }, () => generateUbrn(random)[0]));
    expect(leading.size).toBe(10);
  });
});
