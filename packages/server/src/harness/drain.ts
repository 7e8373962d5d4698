import { verdict, type Harness } from './types.js';

/** Placeholder while the drain harness is being written: always fails, so it cannot pass unbuilt. */
export const drainHarness: Harness = async ({ size }) =>
  verdict('drain', size, {}, ['the drain harness is not written yet']);
