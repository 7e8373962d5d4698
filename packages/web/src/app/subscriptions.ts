import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type Client } from 'graphql-ws';

/**
 * The live-update connection: graphql-ws over a WebSocket at `/graphql`, authenticated by the
 * session cookie the browser sends with the upgrade. Loaded on the first subscription.
 * When it reconnects after a drop, events may have been missed, so the app refetches what it
 * shows (`onReconnected`).
 */
let client: Client | null = null;
let link: GraphQLWsLink | null = null;
const reconnectListeners = new Set<() => void>();

/** Calls `listener` whenever the connection comes back after a drop. */
export function onReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export function subscriptionLink(): GraphQLWsLink {
  if (link) return link;
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  client = createClient({
    url: url.toString(),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) for (const listener of reconnectListeners) listener();
      },
    },
  });
  link = new GraphQLWsLink(client);
  return link;
}

/** Closes the connection; the next subscription opens a new one (with the new cookie). */
export function restart(): void {
  void client?.dispose();
  client = null;
  link = null;
}
