/** A point in WGS84 decimal degrees. */
export interface LatLng {
  readonly latitude: number;
  readonly longitude: number;
}

/** Mean Earth radius in kilometres (IUGG), the usual choice for haversine distances. */
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_MILE = 1.609344;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/**
 * Great-circle distance between two points in kilometres (haversine formula).
 * Accurate to about 0.5 % over England, which is far finer than "how far to travel" needs.
 */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLng = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Converts statute miles to kilometres. */
export const milesToKm = (miles: number): number => miles * KM_PER_MILE;
/** Converts kilometres to statute miles. */
export const kmToMiles = (km: number): number => km / KM_PER_MILE;

/** A latitude/longitude rectangle: `minLatitude <= lat <= maxLatitude`, same for longitude. */
export interface BoundingBox {
  readonly minLatitude: number;
  readonly maxLatitude: number;
  readonly minLongitude: number;
  readonly maxLongitude: number;
}

/**
 * The smallest latitude/longitude rectangle that contains every point within `radiusKm` of
 * `centre`. A database can filter on it with plain B-tree indexes before the exact haversine
 * check; every point inside the circle is inside the box (the converse does not hold).
 * Precondition: `radiusKm >= 0`. Exact when the circle does not cross a pole or the
 * antimeridian, which holds for anywhere in the UK; a wider circle (any radius, however large)
 * gets a box within the globe's bounds that holds it, never an infinite one.
 */
export function boundingBox(centre: LatLng, radiusKm: number): BoundingBox {
  const latDelta = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  // Longitude degrees shrink with cos(latitude); use the latitude nearest a pole for safety.
  const extremeLat = Math.min(89.9, Math.abs(centre.latitude) + latDelta);
  const lngDelta = latDelta / Math.cos(toRadians(extremeLat));
  // 180 degrees either side is every longitude (a huge radius made the bounds Infinity, which
  // reached the search's SQL as a bare word).
  const everyLongitude = !(lngDelta < 180);
  return {
    minLatitude: Math.max(-90, centre.latitude - latDelta),
    maxLatitude: Math.min(90, centre.latitude + latDelta),
    minLongitude: everyLongitude ? -180 : centre.longitude - lngDelta,
    maxLongitude: everyLongitude ? 180 : centre.longitude + lngDelta,
  };
}

/** Whether a point lies within a bounding box (edges included). */
export function inBoundingBox(point: LatLng, box: BoundingBox): boolean {
  return (
    point.latitude >= box.minLatitude &&
    point.latitude <= box.maxLatitude &&
    point.longitude >= box.minLongitude &&
    point.longitude <= box.maxLongitude
  );
}
