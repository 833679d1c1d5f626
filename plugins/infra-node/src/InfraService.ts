import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  CreateInfraRequest,
  InfraCatalogSyncReport,
  InfraPage,
  InfraRequest,
  InfraResource,
} from '@internal/plugin-infra-common';

/** Credentials of the user a plugin acts for. */
export type OnBehalfOf = {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
};

/**
 * What other backend plugins (the scaffolder actions, the catalog provider) use to reach
 * the infra backend. The infra backend owns requests, plans, applies and resources.
 */
export interface InfraService {
  /**
   * Submits a request on behalf of the user, who becomes the requester. The infra backend
   * answers at once with the request in `planning`: the plan runs as a job, then the
   * approval opens.
   */
  submitRequest(
    input: CreateInfraRequest,
    options: OnBehalfOf,
  ): Promise<InfraRequest>;

  /** Reads a request as the user. */
  getRequest(id: string, options: OnBehalfOf): Promise<InfraRequest>;

  /**
   * Asks for the apply of an approved request now, on behalf of its requester; the apply runs
   * as a job. Refused (409) unless the request is approved.
   */
  applyRequest(id: string, options: OnBehalfOf): Promise<InfraRequest>;

  /** Every resource, as the calling plugin (for the catalog entity provider). */
  listResources(options?: {
    cursor?: string;
  }): Promise<InfraPage<InfraResource>>;

  /**
   * Tells the infra backend how the catalog provider's latest refresh went, for the
   * operations dashboard. Only the catalog backend may call it.
   */
  reportCatalogSync(report: InfraCatalogSyncReport): Promise<void>;
}
