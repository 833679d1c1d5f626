import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessRequest,
  AccessRequestPage,
  AccessRequestStatus,
  AccessTarget,
  CreateAccessRequest,
  RevokeAccessGrant,
} from '@internal/plugin-access-requests-common';

/** What to list: the caller's own requests, or everyone's (what the caller may read). */
export type ListAccessRequestsOptions = {
  scope: 'mine' | 'all';
  status?: AccessRequestStatus;
  limit?: number;
  cursor?: string;
};

/** The access-requests backend, as the frontend sees it. */
export interface AccessRequestsApi {
  /** What may be asked for, with the durations allowed for each. */
  listTargets(): Promise<{ items: AccessTarget[] }>;
  /** Asks for access; the request waits for the target's approvers. */
  createRequest(request: CreateAccessRequest): Promise<AccessRequest>;
  /** A page of requests, newest first. */
  listRequests(options: ListAccessRequestsOptions): Promise<AccessRequestPage>;
  getRequest(id: string): Promise<AccessRequest>;
  /** Withdraws a pending request. */
  cancelRequest(id: string): Promise<AccessRequest>;
  /** Ends an active grant at once (admins). */
  revokeGrant(
    id: string,
    revocation: RevokeAccessGrant,
  ): Promise<AccessRequest>;
}

/** Ref of the {@link AccessRequestsApi}. */
export const accessRequestsApiRef = createApiRef<AccessRequestsApi>({
  id: 'plugin.access-requests.service',
});
