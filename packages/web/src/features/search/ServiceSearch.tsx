import { NetworkStatus } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { Button, ErrorSummary, InsetText } from 'nhsuk-react-components';
import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { PatientSex, ServiceResultFragment } from '../../gql/graphql';
import { toUserFacingErrors } from '../../lib/api-errors';
import { SearchForm } from './SearchForm';
import { ServiceResultCard, type ShortlistControl } from './ServiceResultCard';
import {
  API_FIELD_TO_FORM,
  formFromParams,
  paramsFromForm,
  PATIENT_FIELDS,
  toSearchInput,
  validateSearchForm,
  type SearchField,
} from './search-criteria';

export const SearchFormData = graphql(`
  query SearchFormData {
    specialties {
      code
      name
    }
    clinicTypes {
      code
      name
      specialtyCode
    }
  }
`);

export const SearchServices = graphql(`
  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {
    searchServices(input: $input, first: $first, after: $after) {
      totalCount
      patientLocation {
        postcode
        precision
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ServiceResult
        }
      }
    }
  }
`);

export const PAGE_SIZE = 10;

/** The patient a referral is for: their age, sex and postcode are the search's, not asked. */
export interface KnownPatient {
  readonly ageYears: number;
  readonly sex: PatientSex;
  readonly postcode: string;
}

export interface ServiceSearchProps {
  readonly patient?: KnownPatient | undefined;
  /** When building a shortlist: a button on each result, and what to show above the form. */
  readonly shortlist?: ((result: ServiceResultFragment) => ShortlistControl) | undefined;
  readonly aside?: ReactNode;
}

/**
 * Directory of Services search: the criteria (kept in the address, so Back and bookmarks
 * work), then the matching services with distance, earliest appointment and wait.
 */
export function ServiceSearch({ patient, shortlist, aside }: ServiceSearchProps) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const fromUrl = formFromParams(params);
    return patient
      ? { ...fromUrl, age: String(patient.ageYears), sex: patient.sex, postcode: patient.postcode }
      : fromUrl;
  }, [params, patient]);
  // Search only when the URL holds a complete, valid set of criteria.
  const ready = params.size > 0 && Object.keys(validateSearchForm(values)).length === 0;
  const input = useMemo(() => (ready ? toSearchInput(values) : null), [ready, values]);

  const reference = useQuery(SearchFormData);
  const search = useQuery(
    SearchServices,
    input
      ? { variables: { input, first: PAGE_SIZE }, notifyOnNetworkStatusChange: true }
      : skipToken,
  );

  const problems = search.error ? toUserFacingErrors(search.error) : [];
  const fieldErrors: Partial<Record<SearchField, string>> = {};
  const otherProblems = problems.filter((p) => {
    const field = p.field ? API_FIELD_TO_FORM[p.field] : undefined;
    // A fixed patient's details are not on the form: their problems go in the summary.
    if (field && !(patient && PATIENT_FIELDS.includes(field))) {
      fieldErrors[field] = p.message;
      return false;
    }
    return true;
  });

  const connection = search.dataState === 'complete' ? search.data.searchServices : undefined;
  const loadingFirstPage = search.loading && search.networkStatus !== NetworkStatus.fetchMore;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-one-third">
        {aside}
        {reference.error ? (
          <ErrorSummary>
            <ErrorSummary.Title>There is a problem</ErrorSummary.Title>
            <ErrorSummary.List>
              {toUserFacingErrors(reference.error).map((p) => (
                <ErrorSummary.ListItem key={p.code}>{p.message}</ErrorSummary.ListItem>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        ) : null}
        <SearchForm
          key={params.toString()}
          initial={values}
          reference={reference.data}
          serverErrors={fieldErrors}
          patientKnown={!!patient}
          onSearch={(next) => setParams(paramsFromForm(next, patient ? PATIENT_FIELDS : []))}
        />
      </div>
      <div className="nhsuk-grid-column-two-thirds">
        <section aria-labelledby="results-heading" aria-busy={search.loading}>
          <h2 id="results-heading" tabIndex={-1}>
            {!input
              ? 'Results'
              : loadingFirstPage
                ? 'Searching…'
                : connection
                  ? `${connection.totalCount} ${connection.totalCount === 1 ? 'service' : 'services'} found`
                  : 'Results'}
          </h2>
          <div aria-live="polite" className="nhsuk-u-visually-hidden">
            {connection && !search.loading ? `${connection.totalCount} services found` : ''}
          </div>
          {!input ? (
            <p>
              {patient
                ? 'Choose the kind of service the patient needs, then select Search.'
                : 'Enter the patient’s details and the kind of service they need, then select Search.'}
            </p>
          ) : null}
          {otherProblems.length > 0 ? (
            <ErrorSummary>
              <ErrorSummary.Title>The search could not be completed</ErrorSummary.Title>
              <ErrorSummary.List>
                {otherProblems.map((p) => (
                  <ErrorSummary.ListItem key={p.code + p.message}>
                    {p.message}
                  </ErrorSummary.ListItem>
                ))}
              </ErrorSummary.List>
            </ErrorSummary>
          ) : null}
          {connection && connection.patientLocation.precision === 'DISTRICT' ? (
            <p className="nhsuk-body-s">
              Distances are measured from the centre of postcode district{' '}
              {connection.patientLocation.postcode.split(' ')[0]}.
            </p>
          ) : null}
          {connection && connection.totalCount === 0 ? (
            <InsetText>
              <p>No services match these criteria. You could:</p>
              <ul>
                <li>search a wider distance or allow a longer wait</li>
                <li>remove the clinic type</li>
                <li>check the patient’s age, sex and the priority</li>
              </ul>
            </InsetText>
          ) : null}
          {connection && connection.edges.length > 0 ? (
            <ol className="app-results" aria-label="Matching services">
              {connection.edges.map((edge) => (
                <ServiceResultCard
                  key={edge.node.service.id}
                  result={edge.node}
                  shortlist={shortlist?.(edge.node)}
                />
              ))}
            </ol>
          ) : null}
          {connection?.pageInfo.hasNextPage ? (
            <Button
              type="button"
              secondary
              disabled={search.networkStatus === NetworkStatus.fetchMore}
              onClick={() =>
                void search.fetchMore({ variables: { after: connection.pageInfo.endCursor } })
              }
            >
              {search.networkStatus === NetworkStatus.fetchMore
                ? 'Loading more services…'
                : `Show more services (${connection.edges.length} of ${connection.totalCount} shown)`}
            </Button>
          ) : null}
        </section>
      </div>
    </div>
  );
}
