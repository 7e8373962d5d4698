/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n": typeof types.SearchFormDataDocument,
    "\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n": typeof types.SearchServicesDocument,
    "\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n": typeof types.ServiceResultFragmentDoc,
};
const documents: Documents = {
    "\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n": types.SearchFormDataDocument,
    "\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n": types.SearchServicesDocument,
    "\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n": types.ServiceResultFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n"): (typeof documents)["\n  query SearchFormData {\n    specialties {\n      code\n      name\n    }\n    clinicTypes {\n      code\n      name\n      specialtyCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchServices($input: ServiceSearchInput!, $first: Int, $after: String) {\n    searchServices(input: $input, first: $first, after: $after) {\n      totalCount\n      patientLocation {\n        postcode\n        precision\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ServiceResult\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ServiceResult on ServiceSearchResult {\n    distanceMiles\n    service {\n      id\n      name\n      requestFlow\n      bookableType\n      priorities\n      letterRequired\n      referrerAlert\n      instructions\n      provider {\n        id\n        name\n      }\n      site {\n        id\n        name\n        town\n        postcode\n      }\n      clinicType {\n        code\n        name\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;