import { ErrorSummary } from 'nhsuk-react-components';
import type { ReactNode } from 'react';
import { isNetworkProblem, toUserFacingErrors } from '../lib/api-errors';

/**
 * Failures that may pass if the same request is made again: the network, a database that is
 * briefly unreachable, a rate limit, an unexpected server error. Anything else (a record that
 * is not there, one the user may not see, a bad reference) fails the same way every time.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'NETWORK_ERROR',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
]);

/** Whether trying the same request again might work. */
export function isTransientProblem(error: unknown): boolean {
  return (
    isNetworkProblem(error) || toUserFacingErrors(error).some((p) => TRANSIENT_CODES.has(p.code))
  );
}

/** A page whose data is on its way: its heading, and a polite "Loading…" for screen readers. */
export function LoadingMessage({
  title,
  message = 'Loading…',
}: {
  title?: string;
  message?: string;
}) {
  return (
    <>
      {title ? <h1>{title}</h1> : null}
      <p className="nhsuk-body" role="status" aria-live="polite">
        {message}
      </p>
    </>
  );
}

/**
 * A page that could not load its data: what went wrong, in plain English. "Try again" (with
 * `onRetry`) is offered only when trying again might work; `children` are the ways on (links
 * back), shown whatever went wrong.
 */
export function PageProblem({
  title,
  error,
  onRetry,
  children,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const problems = toUserFacingErrors(error);
  return (
    <>
      {title ? <h1>{title}</h1> : null}
      <ErrorSummary>
        <ErrorSummary.Title>There is a problem</ErrorSummary.Title>
        <ErrorSummary.List>
          {problems.map((p) => (
            <ErrorSummary.ListItem key={p.code + p.message}>{p.message}</ErrorSummary.ListItem>
          ))}
        </ErrorSummary.List>
      </ErrorSummary>
      {children}
      {onRetry && isTransientProblem(error) ? (
        <p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : null}
    </>
  );
}
