import { DomainError } from '../errors/index.js';

/** The most results a client may ask for in one page. */
export const MAX_PAGE_SIZE = 100;
/** The page size used when a client does not ask for one. */
export const DEFAULT_PAGE_SIZE = 20;

/** A sort key: compared element by element, the last element being a unique id. */
export type SortKey = readonly (string | number)[];

/**
 * Encodes a sort key as an opaque cursor. Cursors carry the key, not a position, so a page
 * boundary stays put when rows are added or removed before it.
 */
export function encodeCursor(scope: string, key: SortKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify([scope, ...key]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Decodes a cursor made by {@link encodeCursor} for the same `scope` (for example a sort
 * order). Throws `INVALID_CURSOR` for anything else, so a cursor from one sort cannot be
 * replayed against another.
 */
export function decodeCursor(scope: string, cursor: string): SortKey {
  try {
    const b64 = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (
      Array.isArray(parsed) &&
      parsed[0] === scope &&
      parsed.length > 1 &&
      parsed.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return parsed.slice(1) as SortKey;
    }
  } catch {
    // fall through to the typed error
  }
  throw new DomainError('INVALID_CURSOR', { field: 'after' });
}

/** Compares two sort keys element by element (numbers numerically, strings by code unit). */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Validates a requested page size: an integer from 1 to {@link MAX_PAGE_SIZE}. */
export function requirePageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new DomainError('INVALID_PAGE_SIZE', { field: 'first' });
  }
  return size;
}

/** Whether more results follow, and the cursor to fetch them with. */
export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** One page of a cursor-paginated list (Relay connection shape). */
export interface Page<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number;
}

/**
 * Takes one page from `items`, which must already be sorted ascending by `keyOf` (a total
 * order: the last key element is unique). Returns the items strictly after the `after` cursor.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  scope: string,
  request: { first?: number | null; after?: string | null },
): Page<T> {
  const size = requirePageSize(request.first);
  let start = 0;
  if (request.after) {
    const afterKey = decodeCursor(scope, request.after);
    // Binary search for the first item whose key is greater than the cursor's key.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSortKeys(keyOf(items[mid]!), afterKey) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const slice = items.slice(start, start + size);
  const edges = slice.map((node) => ({ cursor: encodeCursor(scope, keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + size < items.length,
      endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null,
    },
    totalCount: items.length,
  };
}
