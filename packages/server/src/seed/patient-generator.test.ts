import { describe, expect, it } from 'vitest';
import { generatePatients } from './patient-generator.js';

const practice = (id: string) => ({ id, town: 'Leeds', postcode: 'LS1 4AP', homes: [] });

describe('the patient generator', () => {
  it('gives every patient a different valid NHS number in the 999 test range', () => {
    const patients = [
      ...generatePatients({
        seed: 7,
        practices: [practice('a'), practice('b')],
        perPractice: 500,
        today: '2026-12-03',
        reserved: ['9990000026'],
      }),
    ].flat();
    expect(patients).toHaveLength(1000);
    const numbers = new Set(patients.map((p) => p.nhsNumber));
    expect(numbers.size).toBe(1000);
    expect(numbers.has('9990000026')).toBe(false);
    expect([...numbers].every((n) => n.startsWith('999'))).toBe(true);
  });

  it('says at once when asked for more patients than the test range has numbers', () => {
    // 909,090 valid numbers start 999; one is reserved, so 909,090 patients are one too many.
    const tooMany = generatePatients({
      seed: 7,
      practices: [practice('a'), practice('b')],
      perPractice: 454_545,
      today: '2026-12-03',
      reserved: ['9990000026'],
    });
    expect(() => tooMany.next()).toThrow(
      'asked for 909,090 patients, but the 999 test range has 909,089 unused valid NHS numbers',
    );
  });
});
