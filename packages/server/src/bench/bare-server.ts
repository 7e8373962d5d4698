/**
 * The bench's floor: a minimal HTTP handler that runs, for each request, the SQL the real server
 * ran for the same request (captured by the bench from the real server, see bare-baseline.ts)
 * on a plain `pg` pool the size of the server's, with the server's connection settings, and
 * answers with the last statement's rows as JSON. No GraphQL, no ORM, no sessions: what is left
 * is the database and HTTP, so open-ers's figures divided by these are the framework's cost.
 *
 * Started by the bench in a process of its own (as the server is):
 *   BARE_DATABASE_URL=postgres://… BARE_SCRIPT=/tmp/x.json tsx src/bench/bare-server.ts
 * It prints `bare handler at http://127.0.0.1:<port>` once listening; POST /<scenario> with
 * `{"i": n}` runs variant n (modulo the number captured) of that scenario.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { OLTP_SESSION_SETTINGS } from '../db/orm.js';

/** Each scenario's captured requests, each a list of statements with their values inlined. */
export type BareScript = Record<string, string[][]>;

const script = JSON.parse(readFileSync(process.env.BARE_SCRIPT!, 'utf8')) as BareScript;
const pool = new pg.Pool({
  connectionString: process.env.BARE_DATABASE_URL,
  max: 10,
  options: OLTP_SESSION_SETTINGS,
});

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      const variants = script[(req.url ?? '/').slice(1)];
      if (req.method !== 'POST' || !variants?.length) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"NOT_FOUND"}');
        return;
      }
      const { i } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { i?: number };
      const statements = variants[Math.abs(i ?? 0) % variants.length]!;
      try {
        let rows: unknown[] = [];
        for (const sql of statements) rows = (await pool.query(sql)).rows;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: rows }));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      }
    })();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare handler at http://127.0.0.1:${port}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
