export { MockSignalApi } from './MockSignalApi';
export { auditEntry } from './auditEntry';
export { withEmptyAuditTimeline } from './withEmptyAuditTimeline';
export {
  mockEntityPresentationApi,
  sampleEntities,
} from './mockEntityPresentationApi';
