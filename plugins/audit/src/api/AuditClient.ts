import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  PluginBackendClient,
  timelinePageQuery,
  TimelinePage,
} from '@internal/plugin-api-react';
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
} from '@internal/plugin-audit-common';
import { AuditApi, AuditExportFormat, AuditFilters } from './AuditApi';

const FILTER_KEYS = [
  'actor',
  'plugin',
  'eventId',
  'action',
  'target',
  'outcome',
  'severity',
  'from',
  'to',
  'text',
] as const satisfies ReadonlyArray<keyof AuditFilters>;

// The backend rejects empty values, so a cleared filter is left out.
function filterSearch(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  return query;
}

/** {@link AuditApi} over the audit backend's REST API. */
export class AuditClient implements AuditApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({ pluginId: 'audit', ...deps });
  }

  async getEvents(options: AuditQuery): Promise<AuditPage> {
    const query = filterSearch(options);
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    return this.backend.get(`/events?${query}`);
  }

  async exportEvents(
    filters: AuditFilters,
    format: AuditExportFormat,
  ): Promise<Blob> {
    const query = filterSearch(filters);
    query.set('format', format);
    return this.backend.getBlob(`/events/export?${query}`);
  }

  async getActivity(
    entityRef: string,
    page: TimelinePage = {},
  ): Promise<AuditPage> {
    const query = timelinePageQuery(page);
    query.set('entityRef', entityRef);
    return this.backend.get(`/activity?${query}`);
  }

  async verify(): Promise<AuditVerification> {
    return this.backend.get('/verify');
  }
}
