/**
 * Gantry audit trail: the central, hash-chained audit store and the auditor service that
 * persists every plugin's events in it.
 *
 * @packageDocumentation
 */

export type { AuditStore } from './AuditStore';
export { DatabaseAuditStore } from './DatabaseAuditStore';
export { auditStoreServiceRef } from './auditStoreServiceRef';
export { openAuditDatabase } from './openAuditDatabase';
export {
  GantryAuditorService,
  gantryAuditorServiceFactory,
} from './gantryAuditorServiceFactory';
export { redactMeta } from './redactMeta';
export {
  AUDIT_TIMELINE_MAX_LIMIT,
  auditTimelineQuerySchema,
  readAuditTimeline,
} from './auditTimeline';
