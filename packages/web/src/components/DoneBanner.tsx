import { useEffect, useRef, type ReactNode } from 'react';
import { focusElement } from '../app/page';

/** The NHS.UK success banner after a change, focused so screen readers hear it. */
export function DoneBanner({ message, children }: { message: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => focusElement(ref.current), [message]);
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="done-banner-title"
      data-testid="done-banner"
      ref={ref}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="done-banner-title">
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{message}</p>
        {children}
      </div>
    </div>
  );
}
