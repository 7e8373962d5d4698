import { useLazyQuery } from '@apollo/client/react';
import { Button, Tag } from 'nhsuk-react-components';
import { PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { roleName } from './reasons';

export const ReferralAccessLog = graphql(`
  query ReferralAccessLog($ubrn: String!) {
    accessLog(ubrn: $ubrn, first: 100) {
      occurredAt
      action
      outcome
      role
      requestId
      user {
        id
        displayName
      }
      organisation {
        id
        name
      }
      onBehalfOf {
        id
        displayName
      }
    }
  }
`);

/** What an audited action is called on the page (`ACCEPT_REFERRAL` → "Accept referral"). */
export function accessActionName(action: string): string {
  const named: Record<string, string> = {
    VIEW_REFERRAL: 'Viewed the referral',
    VIEW_WORKLIST: 'Saw it on a worklist',
    VIEW_DOCUMENT: 'Opened a document',
    VIEW_ACCESS_LOG: 'Viewed this access log',
    REFERRAL: 'Open the referral',
    ACCESS_LOG: 'Open this access log',
  };
  if (named[action]) return named[action];
  const words = action.toLowerCase().split('_');
  return [words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(' ');
}

/**
 * Who has read, changed or been refused the referral, newest first: the audit trail for this
 * UBRN, for clinicians (and their admins) of an organisation that is party to it. Loaded only
 * when asked for, because reading the log is itself recorded in it.
 */
export function AccessLogSection({ ubrn }: { ubrn: string }) {
  const [load, { data, loading, error, called, refetch }] = useLazyQuery(ReferralAccessLog, {
    fetchPolicy: 'network-only',
  });
  const entries = data?.accessLog ?? [];
  return (
    <section aria-labelledby="access-log-heading">
      <h2 id="access-log-heading" className="nhsuk-heading-m">
        Access log
      </h2>
      <p className="nhsuk-body-s">
        Everyone who has looked at or changed this referral, and anyone who tried and was refused.
        Looking at the log is recorded too.
      </p>
      {!called ? (
        <Button secondary type="button" onClick={() => void load({ variables: { ubrn } })}>
          Show the access log
        </Button>
      ) : error ? (
        <PageProblem error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <p role="status">Loading the access log…</p>
      ) : (
        <div className="app-table-scroll">
          <table className="nhsuk-table nhsuk-table--responsive" data-testid="access-log">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Access log, newest first
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  When
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Who
                </th>
                <th scope="col" className="nhsuk-table__header">
                  What
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {entries.map((e, index) => (
                <tr key={`${e.requestId}-${index}`} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table__heading" aria-hidden="true">
                      When{' '}
                    </span>
                    <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table__heading" aria-hidden="true">
                      Who{' '}
                    </span>
                    <span>
                      {e.user?.displayName ?? 'Someone not signed in'}
                      {e.role ? ` (${roleName(e.role).toLowerCase()})` : ''}
                      {e.organisation ? `, ${e.organisation.name}` : ''}
                      {e.onBehalfOf ? `, on behalf of ${e.onBehalfOf.displayName}` : ''}
                    </span>
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table__heading" aria-hidden="true">
                      What{' '}
                    </span>
                    <span>
                      {accessActionName(e.action)}
                      {e.outcome === 'REFUSED' ? (
                        <>
                          {' '}
                          <Tag modifier="red">Refused</Tag>
                        </>
                      ) : e.outcome === 'FAILED' ? (
                        <>
                          {' '}
                          <Tag modifier="orange">Failed</Tag>
                        </>
                      ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
