import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODE_ALPHABET,
  formatAccessCode,
  generateAccessCode,
  isValidAccessCode,
  parseAccessCode,
} from './access-code.js';
import { randomBelow, seededRandomBytes } from './random.js';

describe('patient access codes', () => {
  it('forgives case, spaces, hyphens and look-alike letters', () => {
    expect(parseAccessCode('abcd-2345')).toBe('ABCD2345');
    expect(parseAccessCode('OIL0 1111')).toBe('0110' + '1111');
  });

  it('rejects wrong lengths and letters outside the alphabet', () => {
    expect(isValidAccessCode('ABCD234')).toBe(false);
    expect(isValidAccessCode('ABCD23456')).toBe(false);
    expect(isValidAccessCode('ABCU2345')).toBe(false);
  });

  it('formats as two groups of four', () => {
    expect(formatAccessCode('abcd2345')).toBe('ABCD 2345');
  });

  it('generates codes that parse back to themselves', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const code = generateAccessCode(seededRandomBytes(seed));
        expect(code).toHaveLength(8);
        expect(parseAccessCode(code)).toBe(code);
        expect(parseAccessCode(formatAccessCode(code).toLowerCase())).toBe(code);
      }),
    );
  });

  it('uses 32 distinct characters without I, L, O or U', () => {
    expect(new Set(ACCESS_CODE_ALPHABET).size).toBe(32);
    expect(ACCESS_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });
});

describe('randomBelow', () => {
  it('stays in range and rejects biased values', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, bound) => {
        const value = randomBelow(seededRandomBytes(seed), bound);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(bound);
      }),
    );
    // 0xFFFFFFFF is above the largest multiple of 10 below 2^32, so it must be redrawn.
    let calls = 0;
    const source = (n: number) => {
      calls += 1;
      return calls === 1 ? new Uint8Array(n).fill(0xff) : new Uint8Array(n).fill(0);
    };
    expect(randomBelow(source, 10)).toBe(0);
    expect(calls).toBe(2);
  });
});
