/**
 * A person's age in whole years on `today`, both ISO `YYYY-MM-DD` dates. Someone born on
 * 29 February turns a year older on 1 March in common years.
 * Precondition: `dateOfBirth <= today`.
 */
export function ageInYears(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = splitIsoDate(dateOfBirth);
  const [ty, tm, td] = splitIsoDate(today);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/**
 * Splits an ISO `YYYY-MM-DD` date into numeric year, month and day. Throws a `RangeError` for
 * text that is not shaped like one.
 */
export function splitIsoDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
