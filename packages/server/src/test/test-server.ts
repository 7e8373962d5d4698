import { pino } from 'pino';
import { createServer, type RunningServer } from '../http/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
}

export interface TestServer {
  readonly db: TestDatabase;
  readonly url: string;
  /** Posts a GraphQL operation to the running server, as a client would. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP server on a free port over a fresh test database, with the clock fixed
 * at `now`. `prepare` fills the database before the server starts.
 */
export async function startTestServer(options: {
  now: Date;
  production?: boolean;
  prepare?: (db: TestDatabase) => Promise<void>;
}): Promise<TestServer> {
  const db = await createTestDatabase();
  let running: RunningServer | undefined;
  try {
    await options.prepare?.(db);
    const server = await createServer({
      orm: db.orm,
      log: pino({ level: 'silent' }),
      production: options.production ?? false,
      webDist: null,
      clock: () => options.now,
    });
    running = await server.listen(0, '127.0.0.1');
  } catch (error) {
    await db.drop();
    throw error;
  }
  const { url } = running;
  return {
    db,
    url,
    async graphql(query, variables, headers) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    async close() {
      await running.stop();
      await db.drop();
    },
  };
}
