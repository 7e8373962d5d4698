import { verdict, type Harness } from './types.js';

/** Placeholder while the audit harness is being written: always fails, so it cannot pass unbuilt. */
export const auditHarness: Harness = async ({ size }) =>
  verdict('audit', size, {}, ['the audit harness is not written yet']);
