/** The append-only audit trail: recording who touched patient-identifiable data, and reading it. */
export { AuditEvent, AUDIT_OUTCOMES, type AuditOutcome } from './audit-event.entity.js';
export {
  auditAction,
  AuditService,
  AuditLogService,
  MAX_ACCESS_LOG_PAGE,
  type AuditRecord,
  type AuditSubject,
  type AccessLogLine,
} from './audit.service.js';
export {
  auditRefusalsPlugin,
  isRefusal,
  recordRefusal,
  recordRefusals,
  refusedAccessTo,
  REFUSAL_CODES,
  type RefusedSubject,
} from './refusals.js';
export { AuditResolver } from './audit.resolver.js';

import { AuditEvent } from './audit-event.entity.js';

/** Entities this module persists. */
export const auditEntities = [AuditEvent];
