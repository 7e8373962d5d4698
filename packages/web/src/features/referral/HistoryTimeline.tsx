import { graphql } from '../../gql';
import type { HistoryDetailsFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { historyActionName, STATE_LABELS } from '../../lib/labels';
import { reasonName, roleName } from './reasons';

export const HistoryDetails = graphql(`
  fragment HistoryDetails on Referral {
    history {
      version
      action
      fromState
      toState
      reason
      comment
      occurredAt
      role
      organisationId
      onBehalfOfUserId
      userName
      onBehalfOfName
    }
  }
`);

/** Everything that has happened to the referral, newest first. */
export function HistoryTimeline({
  referral,
  ownOrganisationId,
}: {
  referral: HistoryDetailsFragment;
  ownOrganisationId: string | undefined;
}) {
  const events = [...referral.history].reverse();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="nhsuk-heading-m">
        History
      </h2>
      <ol className="app-timeline" data-testid="history">
        {events.map((e) => (
          <li key={`${e.version}-${e.action}`} className="app-timeline__item">
            <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
              {historyActionName(e.action)}
            </h3>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
              <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>, by{' '}
              {e.userName
                ? `${e.userName} (${roleName(e.role).toLowerCase()})`
                : roleName(e.role).toLowerCase()}
              {e.organisationId === ownOrganisationId ? ' at your organisation' : ''}
              {e.onBehalfOfUserId
                ? e.onBehalfOfName
                  ? `, on behalf of ${e.onBehalfOfName}`
                  : ' on a clinician’s behalf'
                : ''}
            </p>
            {e.fromState !== e.toState ? (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {e.fromState ? `${STATE_LABELS[e.fromState].name} → ` : ''}
                {STATE_LABELS[e.toState].name}
              </p>
            ) : null}
            {e.reason ? (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                Reason: {reasonName(e.reason, e.action)}
              </p>
            ) : null}
            {e.comment ? <p className="nhsuk-body-s app-preserve-lines">“{e.comment}”</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
