import { haversineKm, kmToMiles } from '@open-ers/domain';

/**
 * English towns the demo data set places organisations in, each with its postcode district
 * and the integrated care board (commissioner) that covers it. Coordinates come from the
 * postcode data in data/ (OS Code-Point Open; attribution in data/README.md: "Contains
 * Ordnance Survey data © Crown copyright and database right 2025. Contains Royal Mail data ©
 * Royal Mail copyright and database right 2025. Contains National Statistics data © Crown
 * copyright and database right 2025.").
 */
export interface Town {
  readonly name: string;
  readonly outcode: string;
  readonly icb: string;
}

export const INTEGRATED_CARE_BOARDS: readonly { code: string; name: string }[] = [
  { code: 'QWO', name: 'NHS West Yorkshire Integrated Care Board' },
  { code: 'QF7', name: 'NHS South Yorkshire Integrated Care Board' },
  { code: 'QOP', name: 'NHS Greater Manchester Integrated Care Board' },
  { code: 'QYG', name: 'NHS Cheshire and Merseyside Integrated Care Board' },
  { code: 'QE1', name: 'NHS Lancashire and South Cumbria Integrated Care Board' },
  { code: 'QHM', name: 'NHS North East and North Cumbria Integrated Care Board' },
  { code: 'QOQ', name: 'NHS Humber and North Yorkshire Integrated Care Board' },
  { code: 'QT1', name: 'NHS Nottingham and Nottinghamshire Integrated Care Board' },
  { code: 'QHL', name: 'NHS Birmingham and Solihull Integrated Care Board' },
  {
    code: 'QUY',
    name: 'NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board',
  },
  { code: 'QJK', name: 'NHS Devon Integrated Care Board' },
  { code: 'QNQ', name: 'NHS Frimley Integrated Care Board' },
  { code: 'QKS', name: 'NHS Kent and Medway Integrated Care Board' },
  { code: 'QUE', name: 'NHS Cambridgeshire and Peterborough Integrated Care Board' },
  { code: 'QMF', name: 'NHS North East London Integrated Care Board' },
];

export const TOWNS: readonly Town[] = [
  { name: 'Leeds', outcode: 'LS1', icb: 'QWO' },
  { name: 'Bradford', outcode: 'BD1', icb: 'QWO' },
  { name: 'Halifax', outcode: 'HX1', icb: 'QWO' },
  { name: 'Wakefield', outcode: 'WF1', icb: 'QWO' },
  { name: 'Huddersfield', outcode: 'HD1', icb: 'QWO' },
  { name: 'Sheffield', outcode: 'S1', icb: 'QF7' },
  { name: 'Doncaster', outcode: 'DN1', icb: 'QF7' },
  { name: 'Manchester', outcode: 'M1', icb: 'QOP' },
  { name: 'Bolton', outcode: 'BL1', icb: 'QOP' },
  { name: 'Wigan', outcode: 'WN1', icb: 'QOP' },
  { name: 'Oldham', outcode: 'OL1', icb: 'QOP' },
  { name: 'Stockport', outcode: 'SK1', icb: 'QOP' },
  { name: 'Liverpool', outcode: 'L1', icb: 'QYG' },
  { name: 'Chester', outcode: 'CH1', icb: 'QYG' },
  { name: 'Preston', outcode: 'PR1', icb: 'QE1' },
  { name: 'Lancaster', outcode: 'LA1', icb: 'QE1' },
  { name: 'Blackburn', outcode: 'BB1', icb: 'QE1' },
  { name: 'Blackpool', outcode: 'FY1', icb: 'QE1' },
  { name: 'Newcastle upon Tyne', outcode: 'NE1', icb: 'QHM' },
  { name: 'Sunderland', outcode: 'SR1', icb: 'QHM' },
  { name: 'Middlesbrough', outcode: 'TS1', icb: 'QHM' },
  { name: 'Darlington', outcode: 'DL1', icb: 'QHM' },
  { name: 'Carlisle', outcode: 'CA1', icb: 'QHM' },
  { name: 'York', outcode: 'YO1', icb: 'QOQ' },
  { name: 'Hull', outcode: 'HU1', icb: 'QOQ' },
  { name: 'Harrogate', outcode: 'HG1', icb: 'QOQ' },
  { name: 'Nottingham', outcode: 'NG1', icb: 'QT1' },
  { name: 'Lincoln', outcode: 'LN1', icb: 'QT1' },
  { name: 'Derby', outcode: 'DE1', icb: 'QT1' },
  { name: 'Birmingham', outcode: 'B1', icb: 'QHL' },
  { name: 'Coventry', outcode: 'CV1', icb: 'QHL' },
  { name: 'Wolverhampton', outcode: 'WV1', icb: 'QHL' },
  { name: 'Worcester', outcode: 'WR1', icb: 'QHL' },
  { name: 'Bristol', outcode: 'BS1', icb: 'QUY' },
  { name: 'Bath', outcode: 'BA1', icb: 'QUY' },
  { name: 'Gloucester', outcode: 'GL1', icb: 'QUY' },
  { name: 'Swindon', outcode: 'SN1', icb: 'QUY' },
  { name: 'Exeter', outcode: 'EX1', icb: 'QJK' },
  { name: 'Plymouth', outcode: 'PL1', icb: 'QJK' },
  { name: 'Torquay', outcode: 'TQ1', icb: 'QJK' },
  { name: 'Reading', outcode: 'RG1', icb: 'QNQ' },
  { name: 'Guildford', outcode: 'GU1', icb: 'QNQ' },
  { name: 'Canterbury', outcode: 'CT1', icb: 'QKS' },
  { name: 'Maidstone', outcode: 'ME14', icb: 'QKS' },
  { name: 'Tunbridge Wells', outcode: 'TN1', icb: 'QKS' },
  { name: 'Cambridge', outcode: 'CB1', icb: 'QUE' },
  { name: 'Peterborough', outcode: 'PE1', icb: 'QUE' },
  { name: 'Stratford', outcode: 'E15', icb: 'QMF' },
  { name: 'Whitechapel', outcode: 'E1', icb: 'QMF' },
  { name: 'Romford', outcode: 'RM1', icb: 'QMF' },
];

/** A place with real coordinates: a postcode from the postcode data and its district. */
export interface Place {
  /** A real, live postcode in the district (data/uk-postcodes-sample.csv). */
  readonly postcode: string;
  readonly outcode: string;
  /** The postcode's own coordinates. */
  readonly latitude: number;
  readonly longitude: number;
  /** The centre of the postcode district (data/uk-postcode-districts.csv). */
  readonly centroid: { readonly latitude: number; readonly longitude: number };
}

/**
 * How far from a town's own district (its centre) organisations in the town are placed: the
 * districts of the same postcode area within this distance are the town's.
 */
export const TOWN_RADIUS_MILES = 3.5;

/** How far from their GP practice's district patients live (districts of the same area). */
export const HOME_RADIUS_MILES = 2.5;

/**
 * How near its district's centre a place's postcode must be to stand for the district (a large
 * rural district's one postcode may be miles out of town).
 */
const COMPACT_MILES = 2.5;

/** The postcode area of an outward code: `LS` of `LS1`, `E` of `E15`. */
export function postcodeArea(outcode: string): string {
  return /^[A-Z]+/.exec(outcode)?.[0] ?? outcode;
}

/** Miles between two places' district centres. */
export function milesBetween(
  a: { readonly latitude: number; readonly longitude: number },
  b: { readonly latitude: number; readonly longitude: number },
): number {
  return kmToMiles(haversineKm(a, b));
}

/**
 * The districts of `centre`'s postcode area whose centres lie within `miles` of its centre,
 * nearest first (ties by outward code, so the order is the same on every run): `centre` itself
 * first when it qualifies, and alone when none does. Only districts in `allowed` (England, for the demo) are listed, and only those whose
 * postcode lies near the district's centre (a large rural district's one postcode may be miles
 * out of town).
 */
export function districtsNear(
  centre: Place,
  places: ReadonlyMap<string, Place>,
  miles: number,
  allowed: ReadonlySet<string>,
): Place[] {
  const area = postcodeArea(centre.outcode);
  const near = [...places.values()]
    .filter(
      (p) =>
        (p.outcode === centre.outcode || allowed.has(p.outcode)) &&
        postcodeArea(p.outcode) === area &&
        milesBetween(p.centroid, centre.centroid) <= miles &&
        milesBetween(p, p.centroid) <= COMPACT_MILES,
    )
    .map((p) => ({ p, d: milesBetween(p.centroid, centre.centroid) }))
    .sort((a, b) => a.d - b.d || (a.p.outcode < b.p.outcode ? -1 : 1))
    .map(({ p }) => p);
  return near.length > 0 ? near : [centre];
}

/** Which way a place lies from a town's centre, for naming a hospital's other sites. */
export function compassPoint(
  from: { readonly latitude: number; readonly longitude: number },
  to: { readonly latitude: number; readonly longitude: number },
): 'North' | 'South' | 'East' | 'West' {
  const north = to.latitude - from.latitude;
  // A degree of longitude is about 0.6 of a degree of latitude at England's latitudes.
  const east = (to.longitude - from.longitude) * Math.cos((from.latitude * Math.PI) / 180);
  if (Math.abs(north) >= Math.abs(east)) return north >= 0 ? 'North' : 'South';
  return east >= 0 ? 'East' : 'West';
}

/** Words a service name keeps in lower case inside it ("Head and Neck Clinic"). */
const MINOR_WORDS = new Set(['and', 'or', 'of', 'the', 'for', 'in', 'with', 'to', 'a', 'an', 'on']);

/**
 * A clinic type's name as a service name writes it, every major word capitalised: "Heart
 * failure" becomes "Heart Failure", "Head and neck" "Head and Neck" (words with capitals of
 * their own, like "2WW", are kept as they are).
 */
export function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, i) =>
      i > 0 && MINOR_WORDS.has(word.toLowerCase())
        ? word.toLowerCase()
        : word.replace(/^[a-z]/, (c) => c.toUpperCase()),
    )
    .join(' ');
}
