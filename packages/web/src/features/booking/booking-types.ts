import type { Problem } from '../../components/FormErrors';
import type { BookingDataQuery } from '../../gql/graphql';

export type Referral = BookingDataQuery['referral'];
export interface ServiceOption {
  readonly id: string;
  readonly name: string;
  readonly where: string;
}

/** The problems to show in the error summary, for one service's appointments. */
export interface Reported {
  readonly serviceId: string;
  readonly problems: readonly Problem[];
  /** A new number on every report, so the summary is made afresh and takes focus. */
  readonly attempt: number;
}
