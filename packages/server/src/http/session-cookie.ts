import { parseCookie, stringifySetCookie } from 'cookie';
import type { Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { SessionTransport } from '../graphql/context.js';

/** The cookie that carries the web app's session token. */
export const SESSION_COOKIE = 'open_ers_session';

/**
 * The session token a request (or a WebSocket upgrade) presents: an `Authorization: Bearer
 * <token>` header (API clients) wins over the session cookie (the web app).
 */
export function sessionTokenFrom(request: {
  readonly headers: IncomingHttpHeaders;
}): string | null {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : '';
  }
  const header = request.headers.cookie;
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] ?? null;
}

/**
 * Delivers session tokens in a cookie the page's scripts cannot read (HttpOnly), that browsers
 * send on top-level navigation but not on cross-site subrequests or form posts (SameSite=Lax),
 * and, in production, only over HTTPS (Secure). It lives as long as a session can (the absolute
 * limit); the server ends it sooner when it goes idle.
 */
export function cookieSessionTransport(
  res: Response,
  options: { readonly secure: boolean; readonly maxAgeSeconds: number },
): SessionTransport {
  const base = { httpOnly: true, sameSite: 'lax' as const, secure: options.secure, path: '/' };
  return {
    issue(token) {
      res.append(
        'Set-Cookie',
        stringifySetCookie(SESSION_COOKIE, token, { ...base, maxAge: options.maxAgeSeconds }),
      );
      res.setHeader('Cache-Control', 'no-store');
    },
    clear() {
      res.append(
        'Set-Cookie',
        stringifySetCookie(SESSION_COOKIE, '', { ...base, maxAge: 0, expires: new Date(0) }),
      );
    },
  };
}
