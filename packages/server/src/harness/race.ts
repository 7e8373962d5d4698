import { verdict, type Harness } from './types.js';

/** Placeholder while the race harness is being written: always fails, so it cannot pass unbuilt. */
export const raceHarness: Harness = async ({ size }) =>
  verdict('race', size, {}, ['the race harness is not written yet']);
