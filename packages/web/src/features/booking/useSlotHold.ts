import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql } from '../../gql';

export const HoldSlot = graphql(`
  mutation HoldSlot($input: SlotChoiceInput!) {
    holdSlot(input: $input) {
      slotId
      heldUntil
    }
  }
`);

export const ReleaseSlot = graphql(`
  mutation ReleaseSlot($input: SlotChoiceInput!) {
    releaseSlot(input: $input)
  }
`);

/** An appointment held for this user while they confirm it. */
export interface Hold {
  readonly slotId: string;
  readonly heldUntil: string;
}

/**
 * Holding an appointment while the user confirms it: hold one (letting go of any other held
 * before), let it go, forget it once booked or lapsed. A hold the user walks away from (the
 * page closes) is let go, so others can book the slot at once.
 */
export function useSlotHold(ubrn: string) {
  const client = useApolloClient();
  const [hold, setHold] = useState<Hold | null>(null);
  const holdRef = useRef<Hold | null>(null);
  useEffect(() => {
    holdRef.current = hold;
  }, [hold]);

  const releaseSlot = useCallback(
    (slotId: string) =>
      client.mutate({ mutation: ReleaseSlot, variables: { input: { ubrn, slotId } } }),
    [client, ubrn],
  );

  useEffect(
    () => () => {
      const held = holdRef.current;
      if (held) void releaseSlot(held.slotId).catch(() => undefined);
    },
    [releaseSlot],
  );

  /** Holds `slotId` (releasing a different one held before); throws the API's refusal. */
  const holdSlot = async (slotId: string, redirectReason: string | null) => {
    const previous = holdRef.current;
    if (previous && previous.slotId !== slotId) await releaseSlot(previous.slotId);
    const result = await client.mutate({
      mutation: HoldSlot,
      variables: { input: { ubrn, slotId, redirectReason } },
    });
    const held = result.data!.holdSlot;
    holdRef.current = held;
    setHold(held);
    return held;
  };

  /** Lets the held appointment go (ignoring failure: the hold lapses on its own). */
  const release = async () => {
    const held = holdRef.current;
    holdRef.current = null;
    setHold(null);
    if (held) await releaseSlot(held.slotId).catch(() => undefined);
  };

  /** Forgets the hold without releasing it: it was booked, lapsed or taken. */
  const forget = () => {
    holdRef.current = null;
    setHold(null);
  };

  return { hold, holdSlot, release, forget };
}
