import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * The names of the fields a query selects at `path` below the field being resolved, through
 * fragments, inline fragments and aliases: `selectedFields(info, ['edges', 'node', 'service'])`
 * in `searchServices` gives the fields of each result's service. Lets a resolver load up front
 * exactly the relations the client asked for (one joined query) and nothing it did not.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const root = parseResolveInfo(info) as ResolveTree | null | undefined;
  let level: ResolveTree[] = root ? [root] : [];
  for (const name of path) level = level.flatMap((tree) => children(tree, name));
  return new Set(level.flatMap((tree) => children(tree).map((child) => child.name)));
}

/** The selected child fields of a tree (every alias of each), optionally only those called `name`. */
function children(tree: ResolveTree, name?: string): ResolveTree[] {
  return Object.values(tree.fieldsByTypeName)
    .flatMap((fields) => Object.values(fields))
    .filter((child) => name === undefined || child.name === name);
}
