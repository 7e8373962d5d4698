import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw';

// The whole suite runs in parallel on small machines: give asynchronous UI time to settle.
configure({ asyncUtilTimeout: 15_000 });

// NHS.UK frontend components refuse to run unless the page says the browser supports them.
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

// jsdom does not scroll; the app scrolls to the top after navigating.
window.scrollTo = () => undefined;
