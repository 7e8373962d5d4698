import { describe, expect, it } from 'vitest';
import { boundingBox, haversineKm, inBoundingBox, milesToKm } from './distance.js';

const LEEDS = { latitude: 53.7965, longitude: -1.5478 };

describe('boundingBox', () => {
  it('holds every point of a small circle', () => {
    const box = boundingBox(LEEDS, 50);
    const edge = { latitude: LEEDS.latitude, longitude: LEEDS.longitude + 0.75 };
    expect(haversineKm(LEEDS, edge)).toBeLessThan(50);
    expect(inBoundingBox(edge, box)).toBe(true);
  });

  // Regression (fuzz harness): searchServices(maxDistanceMiles: 1e308) made the longitude
  // bounds Infinity, which the search query wrote into its SQL as a bare word: an internal error.
  it.each([milesToKm(1e308), Number.MAX_VALUE, 25_000])(
    'gives finite bounds within the globe that hold everywhere for a radius of %d km',
    (radiusKm) => {
      const box = boundingBox(LEEDS, radiusKm);
      for (const bound of Object.values(box)) expect(Number.isFinite(bound)).toBe(true);
      expect(box.minLatitude).toBe(-90);
      expect(box.maxLatitude).toBe(90);
      expect([box.minLongitude, box.maxLongitude]).toEqual([-180, 180]);
      expect(inBoundingBox({ latitude: -33.9, longitude: 151.2 }, box)).toBe(true);
    },
  );
});
