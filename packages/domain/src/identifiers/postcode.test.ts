import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/index.js';
import { normalisePostcode, outwardCode, parsePostcode, requirePostcode } from './postcode.js';

describe('parsePostcode', () => {
  it('normalises case and spacing', () => {
    expect(parsePostcode(' ls14ap ')).toMatchObject({
      postcode: 'LS1 4AP',
      outcode: 'LS1',
      incode: '4AP',
    });
    expect(parsePostcode('sw1a   2aa')).toMatchObject({
      postcode: 'SW1A 2AA',
      area: 'SW',
      sector: 'SW1A 2',
    });
  });

  it('returns null for text that is not shaped like a full postcode', () => {
    for (const bad of ['', 'LS1', 'LS1 4A', 'ZZZZ 999', '12345', 'LS1 4APX']) {
      expect(parsePostcode(bad)).toBeNull();
    }
  });

  it('normalises a typed postcode to upper case with one space, and leaves other text as typed', () => {
    expect(normalisePostcode('ls1 4ap')).toBe('LS1 4AP');
    expect(normalisePostcode(' ls14ap ')).toBe('LS1 4AP');
    expect(normalisePostcode('sw1a   2aa')).toBe('SW1A 2AA');
    expect(normalisePostcode(' not a postcode ')).toBe('not a postcode');
  });

  it('extracts the outward code', () => {
    expect(outwardCode('m1 1ae')).toBe('M1');
    expect(outwardCode('not a postcode')).toBeNull();
  });

  it('throws INVALID_POSTCODE naming the field', () => {
    const error = (() => {
      try {
        requirePostcode('nope', 'patientPostcode');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID_POSTCODE', field: 'patientPostcode' });
  });
});
