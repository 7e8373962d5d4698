import { setupServer } from 'msw/node';

/** The mock API for component tests; each test adds handlers typed by the generated documents. */
export const server = setupServer();
