import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { ReferralAction, ReferralActionsFragment } from '../../gql/graphql';
import { ACTIONS } from '../../lib/labels';

export const ReferralActions = graphql(`
  fragment ReferralActions on Referral {
    ubrn
    version
    allowedActions {
      action
      serviceIds
      mayRedirect
      redirectFromServiceId
      redirectReasons {
        code
        name
        commentMandatory
      }
      reasons {
        code
        name
        commentMandatory
      }
      comment
      newPriorities
      newPriorityOnlyWithReason
      pasAnswerRequired
    }
  }
`);

/** The order actions are offered in: the usual next step first, final ones last. */
const ORDER: ReferralAction[] = [
  'BOOK',
  'SEND_FOR_TRIAGE',
  'ACCEPT',
  'RECORD_TRIAGE_OUTCOME',
  'ATTACH_REFERRAL_LETTER',
  'ACKNOWLEDGE',
  'CONFIRM_PAS_CANCELLATION',
  'DEFER_TO_PROVIDER',
  'CHANGE_SHORTLIST',
  'RECORD_ASSESSMENT_OUTCOME',
  'RECORD_DID_NOT_ATTEND',
  'CREATE_ONWARD_REFERRAL',
  'CANCEL_APPOINTMENT_ACTION_LATER',
  'REJECT',
  'CANCEL_APPOINTMENT',
  'CANCEL_REFERRAL',
];
const FINAL: ReadonlySet<ReferralAction> = new Set([
  'REJECT',
  'CANCEL_APPOINTMENT',
  'CANCEL_REFERRAL',
]);
/**
 * Actions that move the referral on to its natural next step: the first one offered is the
 * primary button. The others (refer on, defer, change the shortlist, cancel and action later)
 * are side routes and always secondary: after accepting a referral, "Refer on" is not what the
 * clinician usually does next.
 */
const NEXT_STEPS: ReadonlySet<ReferralAction> = new Set([
  'BOOK',
  'SEND_FOR_TRIAGE',
  'ACCEPT',
  'RECORD_TRIAGE_OUTCOME',
  'ATTACH_REFERRAL_LETTER',
  'ACKNOWLEDGE',
  'CONFIRM_PAS_CANCELLATION',
  'RECORD_ASSESSMENT_OUTCOME',
  'RECORD_DID_NOT_ATTEND',
]);

/**
 * The address of an action's form. Booking one possible service links straight to its
 * appointments, so the booking page asks for the referral and the slots in one request.
 */
function actionHref(referral: ReferralActionsFragment, action: ReferralAction): string {
  const path = `/referrals/${referral.ubrn}/${ACTIONS[action].slug}`;
  const serviceIds = referral.allowedActions.find((a) => a.action === action)?.serviceIds ?? [];
  return action === 'BOOK' && serviceIds.length === 1 ? `${path}?service=${serviceIds[0]}` : path;
}

/**
 * What the current user can do now: exactly the API's `allowedActions`, each a button that
 * opens its form. Nothing is offered that the workflow would refuse.
 */
export function ActionsPanel({ referral }: { referral: ReferralActionsFragment }) {
  const actions = ORDER.filter((a) => referral.allowedActions.some((x) => x.action === a));
  const primary = actions.find((a) => NEXT_STEPS.has(a));
  return (
    <section aria-labelledby="actions-heading" className="app-actions" data-testid="actions">
      <h2 id="actions-heading" className="nhsuk-heading-m">
        What you can do
      </h2>
      {actions.length === 0 ? (
        <p>There is nothing for you to do on this referral now.</p>
      ) : (
        <ul className="nhsuk-list app-actions__list">
          {actions.map((action) => (
            <li key={action}>
              <Link
                to={actionHref(referral, action)}
                className={
                  FINAL.has(action)
                    ? 'nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-2'
                    : action === primary
                      ? 'nhsuk-button nhsuk-u-margin-bottom-2'
                      : 'nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2'
                }
                data-testid={`action-${action}`}
              >
                {ACTIONS[action].label}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
