/** The time zone every calendar date in open-ers is reckoned in. */
export const UK_TIME_ZONE = 'Europe/London';

const ukDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) in the UK at an instant. */
export function ukDate(instant: Date): string {
  return ukDateFormat.format(instant);
}

/** A source of the current time; tests pass a fixed one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
