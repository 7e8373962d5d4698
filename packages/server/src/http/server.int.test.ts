import { errorMessage } from '@open-ers/domain';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { createServer, type RunningServer } from './server.js';

describe('the HTTP server', () => {
  let db: TestDatabase;
  let running: RunningServer;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(path.join(tmpdir(), 'open-ers-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(
      path.join(webDist, 'index.html'),
      '<!doctype html><title>open-ers</title><div id="root"></div>',
    );
    writeFileSync(path.join(webDist, 'assets', 'app-abc123.js'), 'console.log("app")');
    db = await createTestDatabase();
    const server = await createServer({
      orm: db.orm,
      log: pino({ level: 'silent' }),
      production: true,
      webDist,
    });
    running = await server.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await running?.stop();
    await db?.drop();
    rmSync(webDist, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${p}`, { headers });

  it('reports liveness and readiness', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves the SPA at / and for client-side routes, and hashed assets with long caching', async () => {
    for (const route of ['/', '/search', '/referrals/000049614844']) {
      const response = await get(route, { accept: 'text/html' });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await get('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('answers an unknown API path with a JSON 404 even to a browser, never the SPA page', async () => {
    for (const route of ['/api', '/api/referrals/000049614844']) {
      const response = await get(route, { accept: 'text/html' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        error: { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND'), field: null },
      });
    }
  });

  it('answers GraphQL at /graphql, with a request id on every response', async () => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ query: '{ specialties { code } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-123');
    const body = (await response.json()) as { data: { specialties: unknown[] } };
    expect(body.data.specialties.length).toBeGreaterThanOrEqual(15);
  });

  it('in production, refuses introspection and gives no field suggestions', async () => {
    const introspection = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await introspection.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ specialtie { code } }' }),
    });
    const typoBody = (await typo.json()) as { errors: { message: string }[] };
    expect(typoBody.errors[0]!.message).not.toMatch(/Did you mean/);
  });

  it('blocks cross-site form posts (CSRF prevention)', async () => {
    const response = await fetch(`${running.url}/graphql?query=%7Bspecialties%7Bcode%7D%7D`, {
      method: 'GET',
    });
    expect(response.status).toBe(400);
  });

  it('stops cleanly: refuses new connections once stopped and releases the database', async () => {
    const other = await createTestDatabase();
    const server = await createServer({
      orm: other.orm,
      log: pino({ level: 'silent' }),
      production: false,
      webDist: null,
    });
    const second = await server.listen(0, '127.0.0.1');
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    await second.stop();
    await expect(fetch(`${second.url}/readyz`)).rejects.toThrow();
    expect(await other.orm.isConnected()).toBe(false);
    await other.drop();
  });
});
