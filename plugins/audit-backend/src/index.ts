/**
 * Gantry's audit trail backend plugin: search, export and verify, under /api/audit.
 *
 * @packageDocumentation
 */

export { auditPlugin as default } from './plugin';
