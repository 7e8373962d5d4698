import { Tag } from 'nhsuk-react-components';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { ReferralState, WorklistRowFragment } from '../../gql/graphql';
import { formatDate, formatNhs, formatReference, priorityName } from '../../lib/format';
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
        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
          Patient{' '}
        </span>
        <strong>
          {item.patient.familyName.toUpperCase()}, {item.patient.givenName}
        </strong>
        <br />
        <span className="nhsuk-body-s">NHS number {formatNhs(item.patient.nhsNumber)}</span>
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
          Booking reference{' '}
        </span>
        {advice ? (
          <>
            {formatReference(item.ubrn)}
            <span className="nhsuk-u-display-block nhsuk-body-s">Advice and Guidance request</span>
          </>
        ) : (
          <Link to={`/referrals/${item.ubrn}`}>
            {formatReference(item.ubrn)}{' '}
            <span className="nhsuk-u-visually-hidden">
              for {item.patient.givenName} {item.patient.familyName}
            </span>
          </Link>
        )}
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
          Priority{' '}
        </span>
        {item.priority === 'ROUTINE' ? (
          priorityName(item.priority)
        ) : (
          <Tag modifier={item.priority === 'TWO_WEEK_WAIT' ? 'red' : 'orange'}>
            {priorityName(item.priority)}
          </Tag>
        )}
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
          Status{' '}
        </span>
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
            <li>Letter due {formatDate(item.letterDueAt)}</li>
          ) : null}
          {item.patientContactBy ? (
            item.contactDatePassed ? (
              <li>
                <strong>Contact date passed ({formatDate(item.patientContactBy)})</strong>
              </li>
            ) : (
              <li>Contact patient by {formatDate(item.patientContactBy)}</li>
            )
          ) : null}
        </ul>
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
          Service{' '}
        </span>
        {item.serviceName ?? 'Not yet chosen'}
        {item.offeredSlot ? (
          <ConfirmOffer item={item} offer={item.offeredSlot} onBooked={onBooked ?? (() => {})} />
        ) : null}
      </td>
      <td className="nhsuk-table__cell">
        <span className="nhsuk-table-responsive__heading" aria-hidden="true">
          Since{' '}
        </span>
        {formatDate(item.stateChangedAt)}
      </td>
    </tr>
  );
}
