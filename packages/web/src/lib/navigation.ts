/**
 * A `next` address from the query string, if it is a path on this site: never another origin
 * (`//evil.example`), so a crafted sign-in link cannot send users elsewhere.
 */
export function safeNext(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}
