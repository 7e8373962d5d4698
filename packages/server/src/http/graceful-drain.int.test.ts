import http from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { createServer, type RunningServer } from './server.js';

/** Sends one request over `agent` and resolves with its status, headers and body. */
function request(
  agent: http.Agent,
  port: number,
  options: { path: string; method?: string; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.body
          ? {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(options.body),
            }
          : {},
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Draining (what SIGTERM starts): the server goes unready but keeps answering for the shutdown
 * delay (so load balancers stop routing to it first); then it stops accepting connections, and a
 * request it had accepted is still answered in full, asking the client to close the connection.
 */
describe('draining the server', () => {
  let db: TestDatabase;
  let running: RunningServer;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const server = await createServer({
      orm: db.orm,
      log: pino({ level: 'silent' }),
      production: true,
      webDist: null,
    });
    running = await server.listen(0, '127.0.0.1');
    port = Number(new URL(running.url).port);
  });

  afterAll(async () => {
    await running?.stop();
    await db?.drop();
  });

  it('answers unready while delayed, then refuses connections and finishes what it accepted', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const before = await request(agent, port, { path: '/healthz' });
      expect(before.headers.connection).toBe('keep-alive');

      // A request the server has accepted whose body is still arriving when the listener closes.
      const body = JSON.stringify({ query: '{ __typename }' });
      let sendRest!: () => void;
      const accepted = new Promise<{
        status: number;
        headers: http.IncomingHttpHeaders;
        body: string;
      }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            agent: false,
            path: '/graphql',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode!, headers: res.headers, body: text }),
            );
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 5));
        sendRest = () => req.end(body.slice(5));
      });
      // Wait until the server has the request (it holds a connection with a request open).
      await expect
        .poll(
          () =>
            new Promise<number>((resolve) =>
              running.httpServer.getConnections((_e, count) => resolve(count)),
            ),
        )
        .toBeGreaterThanOrEqual(2);

      // During the delay it is unready but answers as usual, on kept-alive connections.
      const drained = running.drain(1_000);
      const during = await request(agent, port, { path: '/readyz' });
      expect(during.status).toBe(503);
      const healthy = await request(agent, port, { path: '/healthz' });
      expect(healthy.status).toBe(200);
      expect(healthy.headers.connection).toBe('keep-alive');

      // The listener closes after the delay; the request it accepted is still answered.
      await expect.poll(() => running.httpServer.listening, { timeout: 15_000 }).toBe(false);
      await expect(request(new http.Agent(), port, { path: '/healthz' })).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
      sendRest();
      const answer = await accepted;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
      // Answered after the listener closed, it asks the client to close the connection.
      expect(answer.headers.connection).toBe('close');
      await drained;
    } finally {
      agent.destroy();
    }
  });
});
