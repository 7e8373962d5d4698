/** Idempotency keys for mutations: a retry returns the first result and does nothing twice. */
export { IdempotencyRecord } from './idempotency-record.entity.js';
export {
  runIdempotent,
  requestHash,
  MultiStepIdempotency,
  releaseAbandonedKeys,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from './idempotency.service.js';

import { IdempotencyRecord } from './idempotency-record.entity.js';

export const idempotencyEntities = [IdempotencyRecord];
