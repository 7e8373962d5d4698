import { Tag } from 'nhsuk-react-components';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { ReferralState, WorklistRowFragment } from '../../gql/graphql';
import { formatDate, formatNhs, formatReference, priorityName } from '../../lib/format';
import { ReferredByText } from '../referral/ReferredBy';
import { ConfirmOffer } from './ConfirmOffer';
import { ADVICE_STATE_LABELS, REVIEW_CONTEXT_LABELS, STATE_LABELS } from '../../lib/labels';

export const WorklistRow = graphql(`
  fragment WorklistRow on WorklistItem {
    ubrn
    kind
    state
    adviceState
    priority
    serviceName
    referrer {
      ...ReferredBy
    }
    stateChangedAt
    letterDueAt
    letterOverdue
    patientContactBy
    contactDatePassed
    requestContextStatus
    patient {
      id
      givenName
      familyName
      nhsNumber
      dateOfBirth
    }
    offeredSlot {
      slotId
      startAt
      endAt
      clinicianName
      heldUntil
    }
  }
`);

/**
 * One referral (or Advice and Guidance request) on a worklist: who, what, how urgent, and what
 * needs attention. Referrals open their summary; advice requests have no page in the app yet.
 */
export function WorklistRowView({
  item,
  onBooked,
}: {
  item: WorklistRowFragment;
  /** Called when a slot offered to the referral has been confirmed from the row. */
  onBooked?: (message: string) => void;
}) {
  const state: { name: string; colour: (typeof STATE_LABELS)[ReferralState]['colour'] } =
    (item.state ? STATE_LABELS[item.state] : undefined) ??
      (item.adviceState ? ADVICE_STATE_LABELS[item.adviceState] : undefined) ?? {
        name: 'Unknown',
        colour: 'grey',
      };
  const advice = item.kind === 'ADVICE_REQUEST';
  return (
    <tr className="nhsuk-table__row" data-testid="worklist-row">
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Patient{' '}
        </span>
        <span>
          <strong>
            {item.patient.familyName.toUpperCase()}, {item.patient.givenName}
          </strong>
          <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
            NHS number{' '}
            <span className="app-nowrap" data-testid="nhs-number">
              {formatNhs(item.patient.nhsNumber)}
            </span>
          </span>
        </span>
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Booking reference{' '}
        </span>
        {advice ? (
          <span>
            <span className="app-nowrap" data-testid="ubrn">
              {formatReference(item.ubrn)}
            </span>
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
              Advice and Guidance request
            </span>
          </span>
        ) : (
          <Link to={`/referrals/${item.ubrn}`}>
            <span className="app-nowrap" data-testid="ubrn">
              {formatReference(item.ubrn)}
            </span>{' '}
            <span className="nhsuk-u-visually-hidden">
              for {item.patient.givenName} {item.patient.familyName}
            </span>
          </Link>
        )}
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Priority{' '}
        </span>
        {item.priority === 'ROUTINE' ? (
          <span>{priorityName(item.priority)}</span>
        ) : (
          <Tag modifier={item.priority === 'TWO_WEEK_WAIT' ? 'red' : 'orange'}>
            {priorityName(item.priority)}
          </Tag>
        )}
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Status{' '}
        </span>
        <span>
          <Tag modifier={state.colour}>{state.name}</Tag>
          <ul className="nhsuk-list nhsuk-body-s app-flags">
            {item.requestContextStatus && REVIEW_CONTEXT_LABELS[item.requestContextStatus] ? (
              <li>{REVIEW_CONTEXT_LABELS[item.requestContextStatus]}</li>
            ) : null}
            {item.letterOverdue ? (
              <li>
                <strong>Referral letter overdue</strong>
              </li>
            ) : item.letterDueAt ? (
              <li>
                Letter due <DateText value={item.letterDueAt} />
              </li>
            ) : null}
            {item.patientContactBy ? (
              item.contactDatePassed ? (
                <li>
                  <strong>
                    Contact date passed (<DateText value={item.patientContactBy} />)
                  </strong>
                </li>
              ) : (
                <li>
                  Contact patient by <DateText value={item.patientContactBy} />
                </li>
              )
            ) : null}
          </ul>
        </span>
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Service{' '}
        </span>
        <span>
          {item.serviceName ?? 'Not yet chosen'}
          {item.offeredSlot ? (
            <ConfirmOffer item={item} offer={item.offeredSlot} onBooked={onBooked ?? (() => {})} />
          ) : null}
        </span>
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Referred by{' '}
        </span>
        <span data-testid="referred-by">
          {item.referrer ? <ReferredByText referrer={item.referrer} /> : null}
        </span>
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table__heading" aria-hidden="true">
          Since{' '}
        </span>
        <DateText value={item.stateChangedAt} />
      </td>
    </tr>
  );
}

/** A date on a worklist: never broken over two lines. */
function DateText({ value }: { value: string }) {
  return (
    <span className="app-nowrap" data-testid="date">
      {formatDate(value)}
    </span>
  );
}
