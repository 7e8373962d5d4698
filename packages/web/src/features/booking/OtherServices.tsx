import { useLazyQuery } from '@apollo/client/react';
import { useSession } from '../../app/session';
import { toUserFacingErrors } from '../../lib/api-errors';
import { ageOn, ukDay } from '../../lib/format';
import { ProviderServices } from './booking-operations';
import type { Referral, ServiceOption } from './booking-types';

/** For provider staff: find the provider's other services that could take the referral. */
export function OtherServices({
  referral,
  known,
  onFound,
}: {
  referral: Referral;
  known: readonly ServiceOption[];
  onFound: (services: ServiceOption[]) => void;
}) {
  const session = useSession();
  const [search, { loading, error, called }] = useLazyQuery(ProviderServices);
  const specialty =
    referral.appointmentService?.specialty.code ?? referral.shortlist[0]?.specialty.code ?? null;
  if (!specialty) return null;
  const find = async () => {
    const { patient } = referral;
    const result = await search({
      variables: {
        input: {
          patient: {
            ageYears: ageOn(patient.dateOfBirth, ukDay(new Date().toISOString())),
            sex: patient.sex,
            postcode: patient.postcode,
          },
          priority: referral.priority,
          specialty,
        },
      },
    }).catch(() => null); // the error is shown from the hook's state
    if (!result) return;
    const own = session.acting?.roleAssignment.organisation.id;
    onFound(
      (result.data?.searchServices.edges ?? [])
        .map((e) => e.node.service)
        .filter(
          (s) =>
            s.provider.id === own &&
            s.requestFlow === 'APPOINTMENT_REQUEST' &&
            !known.some((k) => k.id === s.id),
        )
        .map((s) => ({ id: s.id, name: s.name, where: s.site.town })),
    );
  };
  return (
    <p>
      {called && !loading && !error ? (
        'Your organisation’s other services for this specialty are listed above.'
      ) : (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => void find()}
        >
          {loading ? 'Finding services…' : 'Book into another of your services'}
        </button>
      )}
      {error ? (
        <span className="nhsuk-error-message">{toUserFacingErrors(error)[0]?.message}</span>
      ) : null}
    </p>
  );
}
