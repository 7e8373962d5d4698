import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { WorklistRowFragment } from '../../gql/graphql';
import { isNetworkProblem, newIdempotencyKey, toUserFacingErrors } from '../../lib/api-errors';
import { formatDateTime } from '../../lib/format';

export const OfferedReferralVersion = graphql(`
  query OfferedReferralVersion($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      ubrn
      version
    }
  }
`);

export const ConfirmOfferedAppointment = graphql(`
  mutation ConfirmOfferedAppointment($input: BookAppointmentInput!) {
    bookAppointment(input: $input) {
      noticeMessage
      referral {
        ubrn
        version
        state
      }
    }
  }
`);

type Offer = NonNullable<WorklistRowFragment['offeredSlot']>;

/**
 * A slot the system offered to a referral on Appointment slot issues, held for it: confirming
 * books it, in one click (the referral's current version is read first, so a change made
 * meanwhile is not overwritten).
 */
export function ConfirmOffer({
  item,
  offer,
  onBooked,
}: {
  item: WorklistRowFragment;
  offer: Offer;
  onBooked: (message: string) => void;
}) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const patient = `${item.patient.givenName} ${item.patient.familyName}`;

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const current = await client.query({
        query: OfferedReferralVersion,
        variables: { ubrn: item.ubrn },
        fetchPolicy: 'network-only',
      });
      await client.mutate({
        mutation: ConfirmOfferedAppointment,
        variables: {
          input: {
            ubrn: item.ubrn,
            slotId: offer.slotId,
            expectedVersion: current.data!.referral.version,
            idempotencyKey: key,
          },
        },
      });
      setKey(newIdempotencyKey());
      onBooked(`Appointment booked for ${patient}: ${formatDateTime(offer.startAt)}`);
    } catch (e) {
      if (!isNetworkProblem(e)) setKey(newIdempotencyKey());
      setError(toUserFacingErrors(e)[0]?.message ?? 'The appointment could not be booked.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app-offer" data-testid="offered-slot">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
        <strong>Offered: {formatDateTime(offer.startAt)}</strong>
        {offer.clinicianName ? ` with ${offer.clinicianName}` : ''} (held until{' '}
        {formatDateTime(offer.heldUntil)})
      </p>
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-0"
        onClick={() => void confirm()}
      >
        {busy ? 'Booking…' : 'Confirm this appointment'}{' '}
        <span className="nhsuk-u-visually-hidden">for {patient}</span>
      </button>
    </div>
  );
}
