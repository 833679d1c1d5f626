import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  CreateInfraRequest,
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
  /** Renders the root module and plans it, on behalf of the user, who becomes the requester. */
  planRequest(
    input: CreateInfraRequest,
    options: OnBehalfOf,
  ): Promise<InfraRequest>;

  /** Reads a request as the user. */
  getRequest(id: string, options: OnBehalfOf): Promise<InfraRequest>;

  /**
   * Applies an approved request now, on behalf of its requester. Refused (409) unless its
   * approval is complete and the plan hash still matches.
   */
  applyRequest(id: string, options: OnBehalfOf): Promise<InfraRequest>;

  /** Every resource, as the calling plugin (for the catalog entity provider). */
  listResources(options?: {
    cursor?: string;
  }): Promise<InfraPage<InfraResource>>;
}
