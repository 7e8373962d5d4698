import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from './selection.js';

const schema = buildSchema(`
  type Organisation { id: ID! name: String! }
  type Site { id: ID! town: String! }
  type Service { id: ID! name: String! provider: Organisation! site: Site! }
  type Result { distance: Float! service: Service! }
  type Edge { cursor: String! node: Result! }
  type Connection { totalCount: Int! edges: [Edge!]! }
  type Query { search: Connection! }
`);

/** The fields of each result's service that `query` selects, as the search resolver sees them. */
async function serviceFields(query: string): Promise<string[]> {
  let seen: Set<string> | null = null;
  const result = await graphql({
    schema,
    source: query,
    rootValue: {
      search: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        seen = selectedFields(info, ['edges', 'node', 'service']);
        return { totalCount: 0, edges: [] };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return [...(seen ?? new Set<string>())].sort();
}

describe('selectedFields', () => {
  it('lists the fields selected at a path, through fragments, inline fragments and aliases', async () => {
    expect(
      await serviceFields(`
        query { search { edges { node { ...R } } } }
        fragment R on Result { distance service { id ... on Service { first: provider { name } } } }
      `),
    ).toEqual(['id', 'provider']);
    expect(
      await serviceFields(`{ search { edges { node { service { name site { town } } } } } }`),
    ).toEqual(['name', 'site']);
  });

  it('merges every alias of a field on the way down', async () => {
    expect(
      await serviceFields(`{ search {
        a: edges { node { service { id } } }
        b: edges { node { service { provider { id } } } }
      } }`),
    ).toEqual(['id', 'provider']);
  });

  it('is empty when the path is not selected', async () => {
    expect(await serviceFields(`{ search { totalCount } }`)).toEqual([]);
  });
});
