import type { ServiceResultFragment } from '../../gql/graphql';
import { ServiceResultCard } from '../search/ServiceResultCard';
import type { ServiceFormValues } from './service-form';

/**
 * The service as a referrer will see it in search results, from the form as it is now. The
 * distance and earliest appointment depend on the patient and the published slots.
 */
export function ServicePreview({
  values,
  providerName,
  site,
  clinicTypeName,
}: {
  values: ServiceFormValues;
  providerName: string;
  site: { id: string; name: string; town: string; postcode: string } | undefined;
  clinicTypeName: string | undefined;
}) {
  const wait = Number(values.indicativeWaitDays);
  const result: ServiceResultFragment = {
    __typename: 'ServiceSearchResult',
    distanceMiles: 0,
    earliestSlotStart: null,
    indicativeWaitDays: values.indicativeWaitDays.trim() && Number.isInteger(wait) ? wait : null,
    service: {
      __typename: 'Service',
      id: 'preview',
      name: values.name.trim() || 'Service name',
      requestFlow: values.requestFlow,
      bookableType: values.bookableType,
      priorities: [...values.priorities],
      letterRequired: values.letterRequired,
      referrerAlert: values.referrerAlert.trim() || null,
      instructions: values.instructions.trim() || null,
      provider: { __typename: 'Organisation', id: 'provider', name: providerName },
      site: {
        __typename: 'Site',
        id: site?.id ?? 'site',
        name: site?.name ?? 'Site not chosen',
        town: site?.town ?? '',
        postcode: site?.postcode ?? '',
      },
      clinicType: {
        __typename: 'ClinicType',
        code: values.clinicType || 'none',
        name: clinicTypeName ?? 'Clinic type not chosen',
      },
    },
  };
  return (
    <section aria-labelledby="preview-heading" className="app-preview" data-testid="preview">
      <h2 id="preview-heading" className="nhsuk-heading-m">
        Preview: how referrers see it in search results
      </h2>
      <p className="nhsuk-body-s">
        The distance and the earliest appointment depend on the patient and on the slots you
        publish.
      </p>
      <ul className="app-results">
        <ServiceResultCard result={result} preview />
      </ul>
    </section>
  );
}
