import { verdict, type Harness } from './types.js';

/** Placeholder while the crash harness is being written: always fails, so it cannot pass unbuilt. */
export const crashHarness: Harness = async ({ size }) =>
  verdict('crash', size, {}, ['the crash harness is not written yet']);
