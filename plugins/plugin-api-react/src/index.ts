/**
 * Frontend plumbing shared by Gantry plugins: the client for a backend plugin's JSON API,
 * how its errors are shown, how a downloaded file is saved, the hook that reloads a view on signals,
 * a status in a page header, and the audit timeline of a request or an entity.
 *
 * @packageDocumentation
 */

export { PluginBackendClient } from './PluginBackendClient';
export { AsyncListCard } from './AsyncListCard';
export { HeaderStatus } from './HeaderStatus';
export { BackendErrorPanel, errorMessageOf } from './errors';
export { downloadBlob } from './downloadBlob';
export { useSignalReload } from './useSignalReload';
export { AuditTimeline } from './auditTimeline/AuditTimeline';
export { AuditTimelineCard } from './auditTimeline/AuditTimelineCard';
export {
  auditPhraseText,
  describeAuditActor,
  describeAuditEntry,
  timelineEntries,
} from './auditTimeline/describeAuditEntry';
export type { AuditPhrasePart } from './auditTimeline/describeAuditEntry';
export { timelinePageQuery } from './auditTimeline/timelinePageQuery';
export type { TimelinePage } from './auditTimeline/timelinePageQuery';
