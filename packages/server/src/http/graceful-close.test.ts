import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackConnections } from './graceful-close.js';

const REQUEST = 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n';

/** A kept-alive connection that has had one answer; `send` writes the next request on it. */
async function keptAliveConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const ended = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => undefined);
  socket.write(REQUEST);
  await expect.poll(() => received).toContain('\r\n\r\nok');
  received = '';
  return { socket, send: () => socket.write(REQUEST), ended, received: () => received };
}

describe('closing a server without resetting requests already sent', () => {
  let server: http.Server;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const start = async () => {
    server = http.createServer((_req, res) => res.end('ok'));
    const closer = trackConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { closer, port: (server.address() as net.AddressInfo).port };
  };

  it('answers a request sent on a kept-alive connection as the server closes, then ends the connection', async () => {
    const { closer, port } = await start();
    const connection = await keptAliveConnection(port);
    // The request is on its way as the close begins: the server has not read it yet.
    connection.send();
    const outcome = await closer.close({ quietMs: 500, graceMs: 5_000 });
    const answer = await connection.ended;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nok$/);
    expect(outcome.cut).toBe(0);
    expect(server.listening).toBe(false);
  });

  it('(the cause) http.Server.close() resets that request: the connection looked idle', async () => {
    const { port } = await start();
    const connection = await keptAliveConnection(port);
    connection.send();
    server.close();
    expect(await connection.ended).toBe('');
  });

  it('ends connections idle for the quiet period and cuts requests still running at the grace period', async () => {
    server = http.createServer(() => undefined); // never answers
    const closer = trackConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const idle = net.connect(port, '127.0.0.1');
    const busy = net.connect(port, '127.0.0.1');
    for (const socket of [idle, busy]) socket.on('error', () => undefined);
    const idleClosed = new Promise((resolve) => idle.once('close', resolve));
    idle.resume();
    busy.write(REQUEST);
    await expect
      .poll(() => new Promise((resolve) => server.getConnections((_e, n) => resolve(n))))
      .toBe(2);
    const outcome = await closer.close({ quietMs: 0, graceMs: 1_000 });
    expect(outcome.cut).toBe(1);
    await idleClosed;
  });
});
