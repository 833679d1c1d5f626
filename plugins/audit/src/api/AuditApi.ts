import { createApiRef } from '@backstage/core-plugin-api';
import { TimelinePage } from '@internal/plugin-api-react';
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
} from '@internal/plugin-audit-common';

/** The filters of a search or an export, without its paging. */
export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

/** The file formats of an export. */
export type AuditExportFormat = 'csv' | 'ndjson';

/**
 * The audit backend, as the audit page and the activity card see it; every call needs
 * `audit.event.read`, on the whole trail or, for an entity's activity, on that entity.
 */
export interface AuditApi {
  /** One page of entries, newest first. */
  getEvents(query: AuditQuery): Promise<AuditPage>;
  /** Every entry the filters match, as a file. */
  exportEvents(filters: AuditFilters, format: AuditExportFormat): Promise<Blob>;
  /** One entity's activity, newest first: for admins and for the entity's owners. */
  getActivity(entityRef: string, page?: TimelinePage): Promise<AuditPage>;
  /** Walks the hash chain and says where it first breaks, if it does. */
  verify(): Promise<AuditVerification>;
}

/** Ref of the {@link AuditApi}. */
export const auditApiRef = createApiRef<AuditApi>({
  id: 'plugin.audit.service',
});
