/**
 * Gantry audit trail in the frontend: the admins' page that searches the trail, shows an
 * entry's details, exports it as CSV or NDJSON and verifies its hash chain; and the activity
 * card on entity pages.
 *
 * @packageDocumentation
 */

export { auditPlugin, AuditPage, EntityAuditActivityCard } from './plugin';
export { auditApiRef } from './api/AuditApi';
export type { AuditApi, AuditExportFormat, AuditFilters } from './api/AuditApi';
export { AuditClient } from './api/AuditClient';
