import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/index.js';
import {
  countNhsNumbers,
  formatNhsNumber,
  generateNhsNumber,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  normaliseNhsNumber,
  parseNhsNumber,
  requireNhsNumber,
} from './nhs-number.js';
import { seededRandomBytes } from './random.js';

describe('NHS numbers (reference §11)', () => {
  it.each([
    ['943 476 5919', 'Wikipedia worked example'],
    ['900 000 0009', 'NHS sandbox test patient'],
    ['991 200 3888', 'e-RS specification example'],
    ['401 023 2137', ''],
    ['946 264 0300', 'e-RS audit logging example'],
    ['999 000 0018', 'test range'],
  ])('accepts %s (%s)', (number) => {
    expect(isValidNhsNumber(number)).toBe(true);
  });

  it.each([
    ['987 654 4321', 'fails the checksum (expected check 2)'],
    ['943 476 5918', 'one digit altered'],
    ['123 456 7890', 'check digit would be 10'],
    ['911 111 1124', 'published as valid elsewhere but fails'],
    ['922 222 2228', 'published as valid elsewhere but fails'],
    ['000 000 0000', 'all the same digit'],
    ['111 111 1111', 'all the same digit'],
  ])('rejects %s (%s)', (number) => {
    expect(isValidNhsNumber(number)).toBe(false);
  });

  it('computes the worked example check digit: weighted sum 299, remainder 2, check 9', () => {
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
  });

  it('reports no check digit when 11 minus the remainder is 10', () => {
    expect(nhsNumberCheckDigit('123456789')).toBeNull();
  });

  it('uses 0 when 11 minus the remainder is 11', () => {
    // 946 264 030: the weighted sum is a multiple of 11, so the check digit is 0.
    expect(nhsNumberCheckDigit('946264030')).toBe(0);
    expect(nhsNumberCheckDigit('900000000')).toBe(9);
  });

  it('ignores spaces and hyphens as people type them, and nothing else', () => {
    expect(normaliseNhsNumber(' 943-476-5919 ')).toBe('9434765919');
    expect(normaliseNhsNumber('943 476 591')).toBeNull();
    expect(normaliseNhsNumber('943.476.5919')).toBeNull();
    expect(parseNhsNumber('９４３４７６５９１９')).toBeNull();
  });

  it('formats in groups of 3, 3 and 4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('refuses to format an invalid number, naming the field', () => {
    expect(() => requireNhsNumber('9434765918', 'patient.nhsNumber')).toThrowError(
      expect.objectContaining({ code: 'INVALID_NHS_NUMBER', field: 'patient.nhsNumber' }),
    );
    expect(() => formatNhsNumber('1234567890')).toThrowError(DomainError);
  });

  it('generates valid test numbers in the 999 range by default', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const number = generateNhsNumber(seededRandomBytes(seed));
        expect(number).toMatch(/^999\d{7}$/);
        expect(isValidNhsNumber(number)).toBe(true);
      }),
    );
  });

  it('generates valid numbers with any prefix, and is repeatable for a seed', () => {
    const a = generateNhsNumber(seededRandomBytes(42), { prefix: '4' });
    expect(a).toMatch(/^4\d{9}$/);
    expect(isValidNhsNumber(a)).toBe(true);
    expect(generateNhsNumber(seededRandomBytes(42), { prefix: '4' })).toBe(a);
  });

  it('every changed single digit of a valid number is caught', () => {
    const valid = '9434765919';
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const changed = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(isValidNhsNumber(changed), changed).toBe(false);
      }
    }
  });
});

describe('countNhsNumbers', () => {
  it('counts the valid numbers of a range: a tenth of bodies have no check digit', () => {
    // 999 000 00x: bodies 999000000–999000009; each valid one found by the generator's rule.
    let expected = 0;
    for (let i = 0; i < 10; i++) {
      const body = `99900000${i}`;
      const check = nhsNumberCheckDigit(body);
      if (check !== null && parseNhsNumber(`${body}${check}`) !== null) expected++;
    }
    expect(countNhsNumbers('99900000')).toBe(expected);
    expect(expected).toBeLessThan(10);
    // The whole test range: about 10/11 of a million, less 999 999 9999 (one digit ten times).
    expect(countNhsNumbers('999')).toBe(909_090);
  });

  it('refuses ranges too wide to count', () => {
    expect(() => countNhsNumbers('99')).toThrow(RangeError);
  });
});
