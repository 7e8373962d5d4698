import { useQuery } from '@apollo/client/react';
import { parseUbrn } from '@open-ers/domain';
import { ActionLink, Button, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useLiveRefetch } from '../../app/live';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors } from '../../components/FormErrors';
import { LiveMessage } from '../../components/LiveMessage';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import { OversightHomePage } from '../oversight/OversightHomePage';
import { WorklistsChanged } from './live';

export const DashboardData = graphql(`
  query DashboardData {
    worklistCounts {
      worklist
      name
      description
      count
    }
  }
`);

const NO_VARIABLES = {};

/** The start page: a tile for each of the acting role's worklists, counts kept live. */
export function DashboardPage() {
  const session = useSession();
  // A service definer has no worklists: their start page is their organisation's services.
  const definer = session.isServiceDefiner;
  // Commissioners and analysts have no worklists either: they get a start page of their own.
  const oversight = session.isOversight;
  // Asked only once the role is known: a role without worklists would be refused (and audited).
  const query = useQuery(DashboardData, {
    fetchPolicy: 'cache-and-network',
    skip: !session.acting || definer || oversight,
  });
  const [announcement, setAnnouncement] = useState('');
  // The booking reference box's problem: in the error summary at the top, and on the field.
  const [findError, setFindError] = useState<string | undefined>();
  const [findAttempt, setFindAttempt] = useState(0);
  usePageTitle(findError ? 'Error: Worklists' : 'Worklists');
  // Only referrer and provider roles have worklists to follow.
  const live = session.side === 'OTHER' ? null : NO_VARIABLES;
  useLiveRefetch(WorklistsChanged, live, async () => {
    await query.refetch();
    setAnnouncement(`Worklists updated at ${new Date().toLocaleTimeString('en-GB')}`);
  });
  const counts = query.data?.worklistCounts;
  if (definer) return <Navigate to="/services" replace />;
  if (oversight) return <OversightHomePage />;
  const organisation = session.acting?.roleAssignment.organisation;

  return (
    <>
      <FormErrors
        problems={findError ? [{ message: findError, fieldId: FIND_REFERRAL_FIELD }] : []}
        attempt={findAttempt}
      />
      <h1>
        Worklists
        {organisation ? (
          <span className="nhsuk-caption-l nhsuk-caption--bottom">{organisation.name}</span>
        ) : null}
      </h1>
      <LiveMessage message={announcement} />
      {session.canRefer ? (
        <ActionLink asElement={Link} to="/referrals/new" href="/referrals/new">
          Start a new referral
        </ActionLink>
      ) : null}
      {counts ? (
        counts.length === 0 ? (
          <p>Your role has no referral worklists. Use the menu to find services.</p>
        ) : (
          <ul className="nhsuk-grid-row nhsuk-card-group" aria-label="Your worklists">
            {counts.map((tile) => (
              <li
                key={tile.worklist}
                className="nhsuk-grid-column-one-half nhsuk-card-group__item"
                data-testid={`tile-${tile.worklist}`}
              >
                <div className="nhsuk-card nhsuk-card--clickable">
                  <div className="nhsuk-card__content">
                    <h2 className="nhsuk-card__heading nhsuk-heading-m">
                      <Link className="nhsuk-card__link" to={`/worklists/${tile.worklist}`}>
                        {tile.name}
                      </Link>
                    </h2>
                    <p className="app-tile__count" data-testid="tile-count">
                      {tile.count}{' '}
                      <span className="nhsuk-u-visually-hidden">
                        {tile.count === 1 ? 'referral' : 'referrals'}
                      </span>
                    </p>
                    <p className="nhsuk-card__description">{tile.description}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )
      ) : query.error ? (
        <PageProblem error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <LoadingMessage message="Loading your worklists…" />
      )}
      {/* Below the tiles, so shown with them: shown earlier, the tiles would push it down. */}
      <div hidden={!counts && !query.error}>
        <FindReferral
          error={findError}
          onResult={(error) => {
            setFindError(error);
            setFindAttempt((n) => n + 1);
          }}
        />
      </div>
    </>
  );
}

const FIND_REFERRAL_FIELD = 'find-referral-ubrn';

/**
 * Go straight to a referral by its booking reference. A reference that is not one is refused
 * here (`onResult` with the message, for the page's error summary and the field).
 */
function FindReferral({
  error,
  onResult,
}: {
  error: string | undefined;
  onResult: (error: string | undefined) => void;
}) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ubrn = parseUbrn(value);
    if (!ubrn) {
      onResult('Enter a 12-digit booking reference (UBRN), like 0000 4961 4844.');
      return;
    }
    onResult(undefined);
    navigate(`/referrals/${ubrn}`);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="find-referral-heading">
      <h2 id="find-referral-heading" className="nhsuk-heading-m">
        Find a referral
      </h2>
      <TextInput
        id={FIND_REFERRAL_FIELD}
        name="ubrn"
        label="Booking reference (UBRN)"
        inputMode="numeric"
        autoComplete="off"
        width={20}
        value={value}
        error={error}
        onChange={(e) => setValue(e.currentTarget.value)}
      />
      <Button type="submit" secondary>
        Find referral
      </Button>
    </form>
  );
}
