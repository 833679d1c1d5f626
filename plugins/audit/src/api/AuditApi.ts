import { createApiRef } from '@backstage/core-plugin-api';
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
} from '@internal/plugin-audit-common';

/** The filters of a search or an export, without its paging. */
export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

/** The file formats of an export. */
export type AuditExportFormat = 'csv' | 'ndjson';

/** The audit backend, as the audit page sees it; every call needs `audit.event.read`. */
export interface AuditApi {
  /** One page of entries, newest first. */
  getEvents(query: AuditQuery): Promise<AuditPage>;
  /** Every entry the filters match, as a file. */
  exportEvents(filters: AuditFilters, format: AuditExportFormat): Promise<Blob>;
  /** Walks the hash chain and says where it first breaks, if it does. */
  verify(): Promise<AuditVerification>;
}

/** Ref of the {@link AuditApi}. */
export const auditApiRef = createApiRef<AuditApi>({
  id: 'plugin.audit.service',
});
