import { ErrorSummary } from 'nhsuk-react-components';
import { toUserFacingErrors } from '../lib/api-errors';

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

/** A page that could not load its data: what went wrong, in plain English. */
export function PageProblem({
  title,
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
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
      {onRetry ? (
        <p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : null}
    </>
  );
}
