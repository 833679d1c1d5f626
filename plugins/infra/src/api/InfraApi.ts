import { AuditPage } from '@internal/plugin-audit-common';
import { TimelinePage } from '@internal/plugin-api-react';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CostEstimate,
  EstimateInfraCost,
  InfraHealth,
  InfraLogLine,
  InfraPage,
  InfraRequest,
  InfraRequestStatus,
  InfraResource,
  InfraResourceKind,
} from '@internal/plugin-infra-common';

/** Filters of the request list. */
export type ListInfraRequestsOptions = {
  /** Only the requests the caller asked for. */
  mine?: boolean;
  kind?: InfraResourceKind;
  status?: InfraRequestStatus[];
  limit?: number;
  cursor?: string;
};

/** Filters of the resource list. */
export type ListInfraResourcesOptions = {
  /** Only the resources owned by the caller's groups. */
  mine?: boolean;
  kind?: InfraResourceKind;
  limit?: number;
  cursor?: string;
};

/** The infra backend, as the frontend sees it. */
export interface InfraApi {
  listRequests(
    options: ListInfraRequestsOptions,
  ): Promise<InfraPage<InfraRequest>>;
  getRequest(id: string): Promise<InfraRequest>;
  /** Log lines of a request with a `seq` greater than `after` (all lines without it). */
  getRequestLogs(
    id: string,
    options?: { after?: number },
  ): Promise<{ items: InfraLogLine[] }>;
  /** The request's audit timeline, and its approval's, newest first, a page at a time. */
  getRequestAudit(id: string, page?: TimelinePage): Promise<AuditPage>;
  listResources(
    options: ListInfraResourcesOptions,
  ): Promise<InfraPage<InfraResource>>;
  getResource(id: string): Promise<InfraResource>;
  /** Whether the backend can run Terraform. */
  getHealth(): Promise<InfraHealth>;
  /** The estimated monthly cost at list price of what a request would create. */
  estimateCost(input: EstimateInfraCost): Promise<CostEstimate>;
  /** Asks to destroy a resource; returns the destroy request, queued for its plan job. */
  destroyResource(
    id: string,
    options: { justification: string },
  ): Promise<InfraRequest>;
}

/** Ref of the {@link InfraApi}. */
export const infraApiRef = createApiRef<InfraApi>({
  id: 'plugin.infra.service',
});
