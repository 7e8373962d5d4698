import { useEffect, useRef } from 'react';
import { focusElement } from '../../app/page';

/**
 * Shown when a change was refused because someone else changed the referral first: nothing was
 * overwritten, and Refresh loads the latest version to decide again.
 */
export function StaleVersion({
  onRefresh,
  refreshing,
  thing = 'referral',
}: {
  onRefresh: () => void;
  refreshing: boolean;
  /** What was changed: the referral, or a service. */
  thing?: 'referral' | 'service';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => focusElement(ref.current), []);
  return (
    <div
      className="nhsuk-error-summary"
      ref={ref}
      role="alert"
      aria-labelledby="stale-title"
      data-testid="stale-version"
    >
      <h2 className="nhsuk-error-summary__title" id="stale-title">
        Someone else has changed this {thing}
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>
          Someone else has changed this {thing} since you opened it, so your change was not made.
          Refresh to see the latest version, then decide again.
        </p>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
          onClick={onRefresh}
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </div>
  );
}
