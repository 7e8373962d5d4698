import { describe, expect, it } from 'vitest';
import { spaceNhsNumberAsTyped } from './nhs-number-input';

describe('spaceNhsNumberAsTyped', () => {
  it('spaces the number 3-3-4 as it is typed', () => {
    expect(
      ['9', '943', '9434', '943476', '9434765', '9434765919'].map(spaceNhsNumberAsTyped),
    ).toEqual(['9', '943', '943 4', '943 476', '943 476 5', '943 476 5919']);
  });

  it('drops anything that is not a digit, and digits beyond ten', () => {
    expect(spaceNhsNumberAsTyped('943-476-5919')).toBe('943 476 5919');
    expect(spaceNhsNumberAsTyped('943 476 59199')).toBe('943 476 5919');
    expect(spaceNhsNumberAsTyped('abc')).toBe('');
  });
});
