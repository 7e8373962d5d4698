import type http from 'node:http';
import net, { type Socket } from 'node:net';

/** How a server's connections were closed. */
export interface CloseOutcome {
  /** Connections still busy when the grace period ended, destroyed with their requests. */
  readonly cut: number;
}

/** Closes an HTTP server without cutting a request it was sent (see {@link trackConnections}). */
export interface GracefulCloser {
  /**
   * Stops accepting connections once none has come for `quietMs`; ends each open one once it has
   * been idle (no request in progress) for `quietMs`; after `graceMs` destroys whatever is left.
   */
  close(options: { quietMs: number; graceMs: number }): Promise<CloseOutcome>;
}

/**
 * Tracks an HTTP server's connections so that it can stop without resetting a request a client
 * has already sent. `http.Server.close()` (and Apollo's drain plugin, which calls it) ends at once
 * every connection with no request in progress, but a connection looks idle until the server
 * has read the request waiting in it: on a busy server, whose event loop reads late, that reset
 * requests clients had sent on kept-alive connections (ECONNRESET). Here a connection is ended
 * only once it has been idle for a while (long after any request sent on it was read), and one
 * that is answering a request is left to finish, its response asking the client to close the
 * connection. Upgraded connections (WebSockets) count as busy until they close.
 */
export function trackConnections(server: http.Server): GracefulCloser {
  const connections = new Map<Socket, { busy: number; idleSince: number }>();
  /** Responses whose headers are not sent yet. */
  const unanswered = new Set<http.ServerResponse>();
  let closing = false;
  let lastConnectionAt = 0;
  server.on('connection', (socket: Socket) => {
    lastConnectionAt = Date.now();
    connections.set(socket, { busy: 0, idleSince: lastConnectionAt });
    socket.once('close', () => connections.delete(socket));
  });
  // Before the application's own listener, which may answer at once.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const state = connections.get(req.socket);
    if (!state) return;
    state.busy++;
    // From the close on, every response closes its connection: the client's next request goes
    // elsewhere (this address refuses it) instead of onto a connection being closed.
    if (closing) res.setHeader('Connection', 'close');
    else unanswered.add(res);
    res.once('close', () => {
      unanswered.delete(res);
      state.busy--;
      state.idleSince = Date.now();
    });
  });
  server.on('upgrade', (req: http.IncomingMessage) => {
    const state = connections.get(req.socket);
    if (state) state.busy++;
  });

  return {
    async close({ quietMs, graceMs }) {
      const deadline = Date.now() + graceMs;
      // A pause ends just after the event loop has polled for I/O, so connections waiting to be
      // accepted and requests waiting to be read (late on a busy server) have been taken in.
      const pause = async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, quietMs)));
        await new Promise((resolve) => setImmediate(resolve));
      };
      // Closing the listener resets the connections waiting in its queue to be accepted, with
      // the requests already sent on them: close it once no connection has come for a while.
      await pause();
      while (Date.now() - lastConnectionAt < quietMs && Date.now() < deadline) await pause();
      // net.Server's close stops accepting connections and waits for the open ones to end,
      // without http.Server's ending of those that look idle.
      const closed = new Promise<void>((resolve) => {
        net.Server.prototype.close.call(server, () => resolve());
      });
      // Not before the listener closes: a client told to reconnect would come back to it (a
      // load balancer's health checks do), and no quiet moment would come.
      closing = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
      unanswered.clear();
      while (connections.size > 0 && Date.now() < deadline) {
        await pause();
        const now = Date.now();
        for (const [socket, state] of connections) {
          if (state.busy === 0 && now - state.idleSince >= quietMs) socket.destroy();
        }
      }
      const cut = connections.size;
      for (const socket of connections.keys()) socket.destroy();
      await closed;
      return { cut };
    },
  };
}
