import { Link } from 'react-router';
import { MAX_SHORTLIST, type DraftService } from './draft';

/** The services chosen so far, each removable, and the way on. */
export function ShortlistPanel({
  shortlist,
  onRemove,
  onContinue,
  continueLabel,
  error,
  back,
}: {
  shortlist: readonly DraftService[];
  onRemove: (id: string) => void;
  onContinue: () => void;
  continueLabel: string;
  error?: string | undefined;
  /** Where to go instead: another patient for a new referral, else the referral. */
  back: { readonly href: string; readonly text: string };
}) {
  return (
    <section
      className="nhsuk-card app-shortlist"
      aria-labelledby="shortlist-heading"
      data-testid="shortlist"
    >
      <div className="nhsuk-card__content">
        <h2 id="shortlist-heading" className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
          Shortlist
        </h2>
        <p className="nhsuk-body-s">
          {shortlist.length} of {MAX_SHORTLIST} services
        </p>
        {shortlist.length === 0 ? (
          <p>Search, then add the services the patient could choose from.</p>
        ) : (
          <ol className="nhsuk-list nhsuk-list--number">
            {shortlist.map((s) => (
              <li key={s.id}>
                {s.name}{' '}
                <button
                  type="button"
                  className="app-link-button nhsuk-body-s"
                  onClick={() => onRemove(s.id)}
                >
                  Remove <span className="nhsuk-u-visually-hidden">{s.name}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
          {error ? (
            <span className="nhsuk-error-message" id="shortlist-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {error}
            </span>
          ) : null}
          <button
            type="button"
            id="shortlist-continue"
            className="nhsuk-button nhsuk-u-margin-bottom-0"
            aria-describedby={error ? 'shortlist-error' : undefined}
            onClick={onContinue}
          >
            {continueLabel}
          </button>
        </div>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          <Link to={back.href}>{back.text}</Link>
        </p>
      </div>
    </section>
  );
}
