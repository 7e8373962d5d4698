import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ReferralAction } from '../../gql/graphql';
import { allowed, bookedReferral } from '../../test/fixtures';
import { ActionsPanel } from './ActionsPanel';

function show(state: 'BOOKED' | 'ACCEPTED', actions: ReferralAction[]) {
  const referral = bookedReferral({ state, allowedActions: actions.map((a) => allowed(a)) });
  const router = createMemoryRouter([{ path: '*', element: <ActionsPanel referral={referral} /> }]);
  render(<RouterProvider router={router} />);
}

const button = (name: string) => screen.getByRole('link', { name });
const isPrimary = (el: HTMLElement) =>
  el.classList.contains('nhsuk-button') &&
  !el.classList.contains('nhsuk-button--secondary') &&
  !el.classList.contains('nhsuk-button--warning');

describe('ActionsPanel', () => {
  it('after accepting, does not make "Refer on" the primary button', () => {
    show('ACCEPTED', [
      'CANCEL_APPOINTMENT_ACTION_LATER',
      'CANCEL_APPOINTMENT',
      'CANCEL_REFERRAL',
      'CREATE_ONWARD_REFERRAL',
    ]);
    expect(button('Refer on')).toHaveClass('nhsuk-button--secondary');
    expect(button('Cancel appointment and action later')).toHaveClass('nhsuk-button--secondary');
    expect(screen.getAllByRole('link').filter(isPrimary)).toEqual([]);
  });

  it('makes the natural next step primary, with "Refer on" secondary beside it', () => {
    show('ACCEPTED', ['RECORD_DID_NOT_ATTEND', 'CREATE_ONWARD_REFERRAL', 'CANCEL_REFERRAL']);
    expect(isPrimary(button('Record did not attend'))).toBe(true);
    expect(button('Refer on')).toHaveClass('nhsuk-button--secondary');
    expect(button('Cancel referral')).toHaveClass('nhsuk-button--warning');
  });

  it('makes accepting primary on review', () => {
    show('BOOKED', ['ACCEPT', 'REJECT', 'CANCEL_APPOINTMENT_ACTION_LATER']);
    expect(screen.getAllByRole('link').filter(isPrimary)).toEqual([button('Accept referral')]);
  });
});
