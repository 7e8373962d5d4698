import type { Priority } from '../gql/graphql';

const PRIORITY_NAMES: Record<Priority, string> = {
  TWO_WEEK_WAIT: 'Two week wait',
  URGENT: 'Urgent',
  ROUTINE: 'Routine',
};

export const priorityName = (p: Priority): string => PRIORITY_NAMES[p];

/** A distance in miles as people say it: "0.3 miles", "1 mile", "12 miles". */
export function formatMiles(miles: number): string {
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'}`;
}

/** A date in NHS style: `21 November 2026`, in UK time. */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(date);
}
