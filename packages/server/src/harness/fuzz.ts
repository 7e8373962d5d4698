import { verdict, type Harness } from './types.js';

/** Placeholder while the fuzz harness is being written: always fails, so it cannot pass unbuilt. */
export const fuzzHarness: Harness = async ({ size }) =>
  verdict('fuzz', size, {}, ['the fuzz harness is not written yet']);
