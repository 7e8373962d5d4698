import {
  countNhsNumbers,
  generateNhsNumber,
  type PatientSex,
  type RandomBytes,
} from '@open-ers/domain';

/** Demo patients' NHS numbers start 999: a range used for test patients, never issued. */
const TEST_RANGE = '999';
import { SeededRandom } from './random.js';

const GIVEN_FEMALE = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Grace',
  'Freya',
  'Lily',
  'Aisha',
  'Zara',
  'Margaret',
  'Susan',
  'Patricia',
  'Priya',
  'Niamh',
  'Eleanor',
];
const GIVEN_MALE = [
  'Oliver',
  'George',
  'Noah',
  'Arthur',
  'Muhammad',
  'Leo',
  'Harry',
  'Jack',
  'David',
  'John',
  'Michael',
  'Rohan',
  'Kwame',
  'Tomasz',
  'Callum',
  'Ibrahim',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Khan',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Hussain',
  'Nowak',
  'Okafor',
  'Murphy',
];
const STREETS = [
  'Park Road',
  'Church Street',
  'Station Road',
  'Victoria Road',
  'Mill Lane',
  'High Street',
  'Green Lane',
  'Manor Road',
  'Kings Road',
  'New Street',
];

export interface PatientRow {
  id: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: PatientSex;
  addressLine: string;
  town: string;
  postcode: string;
  phone: string | null;
  email: string | null;
  registeredPractice: string;
}

export interface PracticeRef {
  readonly id: string;
  readonly town: string;
  readonly postcode: string;
  /** Real postcodes in the districts around the practice: its patients live at these. */
  readonly homes: readonly { readonly postcode: string }[];
}

/**
 * Fictional patients registered at the given practices, reproducibly from `seed`: a spread of
 * ages (more older people, as in referral populations), both sexes, valid NHS numbers in the 999
 * test range (never issued to real people), homes at real postcodes around their practice.
 * Yields batches for bulk insert.
 */
export function* generatePatients(options: {
  seed: number;
  practices: readonly PracticeRef[];
  perPractice: number;
  today: string;
  batchSize?: number;
  /** NHS numbers already taken (showcase patients): never generated again. */
  reserved?: Iterable<string>;
}): Generator<PatientRow[]> {
  const random = new SeededRandom(options.seed);
  // Homes draw from a stream of their own, so placing them moved nothing else.
  const homeRandom = new SeededRandom(options.seed + 1000);
  const bytes: RandomBytes = (n) => Uint8Array.from({ length: n }, () => random.int(0, 255));
  const used = new Set<string>(options.reserved ?? []);
  // Unique numbers from a finite range: ask for more than it holds and say so now, rather than
  // search for ever for a number that is not there.
  const wanted = options.practices.length * options.perPractice;
  const free =
    countNhsNumbers(TEST_RANGE) - [...used].filter((n) => n.startsWith(TEST_RANGE)).length;
  if (wanted > free) {
    throw new RangeError(
      `asked for ${wanted.toLocaleString('en-GB')} patients, but the ${TEST_RANGE} test range has ${free.toLocaleString('en-GB')} unused valid NHS numbers`,
    );
  }
  const year = Number(options.today.slice(0, 4));
  let batch: PatientRow[] = [];
  for (const practice of options.practices) {
    for (let i = 0; i < options.perPractice; i++) {
      let nhsNumber = generateNhsNumber(bytes, { prefix: TEST_RANGE });
      while (used.has(nhsNumber)) nhsNumber = generateNhsNumber(bytes, { prefix: TEST_RANGE });
      used.add(nhsNumber);
      const sex: PatientSex = random.chance(0.51) ? 'FEMALE' : 'MALE';
      const age = random.chance(0.12) ? random.int(0, 17) : random.int(18, 95);
      const givenName = random.pick(sex === 'FEMALE' ? GIVEN_FEMALE : GIVEN_MALE);
      const familyName = random.pick(FAMILY);
      batch.push({
        id: random.uuid(),
        nhsNumber,
        givenName,
        familyName,
        dateOfBirth: `${year - age - 1}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        sex,
        addressLine: `${random.int(1, 200)} ${random.pick(STREETS)}`,
        town: practice.town,
        // Patients live around their practice, not at it: distances to services vary.
        postcode:
          practice.homes.length > 0 ? homeRandom.pick(practice.homes).postcode : practice.postcode,
        // Ofcom's range for drama, 07700 900000 to 07700 900999: never a real person's number.
        phone: random.chance(0.9)
          ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}`
          : null,
        email: random.chance(0.6)
          ? `${givenName}.${familyName}${random.int(1, 99)}@example.com`.toLowerCase()
          : null,
        registeredPractice: practice.id,
      });
      if (batch.length >= (options.batchSize ?? 1000)) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
