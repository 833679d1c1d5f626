import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { callPluginApi, PluginApiRequest } from '@internal/plugin-api-node';
import {
  ApprovalRequest,
  CreateApprovalRequest,
  CreateApprovalRequestFor,
} from '@internal/plugin-approvals-common';
import { ApprovalExecutionReport, ApprovalsService } from './ApprovalsService';

/**
 * The default {@link ApprovalsService}: calls the approvals backend over HTTP with
 * service-to-service auth, so it works wherever the approvals plugin runs.
 */
export class DefaultApprovalsService implements ApprovalsService {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async createRequest(
    input: CreateApprovalRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<ApprovalRequest> {
    return this.call('/requests', {
      method: 'POST',
      body: input,
      onBehalfOf: options.credentials,
    });
  }

  async createRequestFor(
    input: CreateApprovalRequestFor,
  ): Promise<ApprovalRequest> {
    return this.call('/requests', { method: 'POST', body: input });
  }

  async getRequest(id: string): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}`, { method: 'GET' });
  }

  async withdrawRequest(
    id: string,
    options: { comment: string },
  ): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/withdrawal`, {
      method: 'POST',
      body: { comment: options.comment },
    });
  }

  async reportExecution(
    id: string,
    report: ApprovalExecutionReport,
  ): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/execution`, {
      method: 'POST',
      body: report,
    });
  }

  private call<T>(
    path: string,
    options: Omit<PluginApiRequest, 'pluginId' | 'path'>,
  ) {
    return callPluginApi<T>(this.deps, {
      ...options,
      pluginId: 'approvals',
      path,
    });
  }
}
