/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Directly bookable services publish slots; indirectly bookable ones are booked by phone. */
export type BookableType =
  | 'DIRECTLY_BOOKABLE'
  | 'INDIRECTLY_BOOKABLE';

/** A patient’s recorded sex. Unknown or indeterminate sex matches services for both sexes only. */
export type PatientSex =
  | 'FEMALE'
  | 'INDETERMINATE'
  | 'MALE'
  | 'UNKNOWN';

/** Clinical priority of a referral, most urgent first: two week wait, urgent, routine. */
export type Priority =
  | 'ROUTINE'
  | 'TWO_WEEK_WAIT'
  | 'URGENT';

/** How a service is asked for: an appointment, a triage (assessment) request or Advice & Guidance. */
export type RequestFlow =
  | 'ADVICE_AND_GUIDANCE_REQUEST'
  | 'APPOINTMENT_REQUEST'
  | 'TRIAGE_REQUEST';

/** The patient a service search is for. */
export type SearchPatientInput = {
  /** Age in whole years. */
  ageYears: number;
  /** Full UK postcode; distances are measured from it. */
  postcode: string;
  sex: PatientSex;
};

/** What the search is for: a referral (appointment or triage services) or Advice & Guidance. */
export type SearchRequestType =
  | 'ADVICE_AND_GUIDANCE_REQUEST'
  | 'APPOINTMENT_REQUEST';

/** Criteria of a Directory of Services search. */
export type ServiceSearchInput = {
  /** Clinic type code within the specialty. */
  clinicType?: string | number | null | undefined;
  /** Only services within this many miles. */
  maxDistanceMiles?: number | null | undefined;
  /** Only services whose indicative wait (to the earliest bookable slot) is at most this many days. */
  maxWaitDays?: number | null | undefined;
  patient: SearchPatientInput;
  priority: Priority;
  requestType?: SearchRequestType;
  sort?: ServiceSort;
  /** Specialty code, from `specialties`. */
  specialty: string | number;
};

/** Order of service search results. */
export type ServiceSort =
  | 'DISTANCE'
  | 'EARLIEST_SLOT'
  | 'NAME';

export type SearchFormDataQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchFormDataQuery = { __typename: 'Query', specialties: Array<{ __typename: 'Specialty', code: string, name: string }>, clinicTypes: Array<{ __typename: 'ClinicType', code: string, name: string, specialtyCode: string }> };

export type SearchServicesQueryVariables = Exact<{
  input: ServiceSearchInput;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchServicesQuery = { __typename: 'Query', searchServices: { __typename: 'ServiceSearchConnection', totalCount: number, patientLocation: { __typename: 'SearchLocation', postcode: string, precision: string }, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'ServiceSearchEdge', cursor: string, node: { __typename: 'ServiceSearchResult', distanceMiles: number, service: { __typename: 'Service', id: string, name: string, requestFlow: RequestFlow, bookableType: BookableType, priorities: Array<Priority>, letterRequired: boolean, referrerAlert: string | null, instructions: string | null, provider: { __typename: 'Organisation', id: string, name: string }, site: { __typename: 'Site', id: string, name: string, town: string, postcode: string }, clinicType: { __typename: 'ClinicType', code: string, name: string } } } }> } };

export type ServiceResultFragment = { __typename: 'ServiceSearchResult', distanceMiles: number, service: { __typename: 'Service', id: string, name: string, requestFlow: RequestFlow, bookableType: BookableType, priorities: Array<Priority>, letterRequired: boolean, referrerAlert: string | null, instructions: string | null, provider: { __typename: 'Organisation', id: string, name: string }, site: { __typename: 'Site', id: string, name: string, town: string, postcode: string }, clinicType: { __typename: 'ClinicType', code: string, name: string } } };

export const ServiceResultFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceResult"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceSearchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distanceMiles"}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"requestFlow"}},{"kind":"Field","name":{"kind":"Name","value":"bookableType"}},{"kind":"Field","name":{"kind":"Name","value":"priorities"}},{"kind":"Field","name":{"kind":"Name","value":"letterRequired"}},{"kind":"Field","name":{"kind":"Name","value":"referrerAlert"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"town"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clinicType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ServiceResultFragment, unknown>;
export const SearchFormDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchFormData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"specialties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clinicTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"specialtyCode"}}]}}]}}]} as unknown as DocumentNode<SearchFormDataQuery, SearchFormDataQueryVariables>;
export const SearchServicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchServices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceSearchInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchServices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"patientLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postcode"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ServiceResult"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceResult"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceSearchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"distanceMiles"}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"requestFlow"}},{"kind":"Field","name":{"kind":"Name","value":"bookableType"}},{"kind":"Field","name":{"kind":"Name","value":"priorities"}},{"kind":"Field","name":{"kind":"Name","value":"letterRequired"}},{"kind":"Field","name":{"kind":"Name","value":"referrerAlert"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"town"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clinicType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SearchServicesQuery, SearchServicesQueryVariables>;