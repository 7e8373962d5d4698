import type { TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';

/**
 * Keeps a page up to date: the API's subscriptions only say "something changed", so on every
 * message (and after the connection comes back from a drop, when messages may have been missed)
 * the page refetches its one query.
 */
export function useLiveRefetch<TData, TVariables extends Record<string, unknown>>(
  subscription: TypedDocumentNode<TData, TVariables>,
  variables: TVariables | null,
  refetch: () => unknown,
): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  }, [refetch]);
  useSubscription(subscription as TypedDocumentNode<TData, Record<string, unknown>>, {
    variables: variables ?? {},
    skip: variables === null,
    onData: () => void latest.current(),
  });
  useEffect(() => {
    if (variables === null) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./subscriptions').then(({ onReconnected }) => {
      if (!cancelled) stop = onReconnected(() => void latest.current());
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [variables]);
}
