import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
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

  async reportExecution(
    id: string,
    report: ApprovalExecutionReport,
  ): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/execution`, {
      method: 'POST',
      body: report,
    });
  }

  private async call<T>(
    path: string,
    options: {
      method: string;
      body?: unknown;
      onBehalfOf?: BackstageCredentials;
    },
  ): Promise<T> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: options.onBehalfOf ?? (await auth.getOwnServiceCredentials()),
      targetPluginId: 'approvals',
    });
    const baseUrl = await discovery.getBaseUrl('approvals');
    const res = await fetch(`${baseUrl}${path}`, {
      method: options.method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(options.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
