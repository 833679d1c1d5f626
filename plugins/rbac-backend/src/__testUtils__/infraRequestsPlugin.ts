import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { InfraRequest, infraPermissions } from '@internal/plugin-infra-common';
import {
  infraRequestPermissionRules,
  infraRequestResourceRef,
} from '@internal/plugin-infra-node';

/** An infra request for team-payments' bucket, asked by linus, for the approvers to decide. */
export const paymentsBucketRequest: InfraRequest = {
  id: '7b0e5f7c-1d0a-4c7e-9a43-2a8f6d1e0c11',
  operation: 'create',
  kind: 's3-bucket',
  resourceId: '0f1e2d3c-4b5a-4968-8776-655443322110',
  resourceName: 'payments-receipts',
  environment: 'sandbox',
  requesterRef: 'user:default/linus',
  ownerRef: 'group:default/team-payments',
  justification: 'Receipts for the payments system',
  parameters: { versioning: true },
  status: 'awaiting_approval',
  approverRefs: ['group:default/approvers'],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

/**
 * The infra plugin's permission integration without its store or Terraform: the real
 * infra-request resource type and rules, over one request held in memory. The permissions
 * registry serves its metadata and apply-conditions endpoints as in the real plugin.
 */
export function infraRequestsPlugin(
  requests: InfraRequest[] = [paymentsBucketRequest],
) {
  const getResources = jest.fn(async (ids: string[]) =>
    ids.map(id => requests.find(r => r.id === id)),
  );
  const plugin = createBackendPlugin({
    pluginId: 'infra',
    register(env) {
      env.registerInit({
        deps: { permissionsRegistry: coreServices.permissionsRegistry },
        async init({ permissionsRegistry }) {
          permissionsRegistry.addResourceType({
            resourceRef: infraRequestResourceRef,
            permissions: infraPermissions,
            rules: Object.values(infraRequestPermissionRules),
            getResources,
          });
        },
      });
    },
  });
  return { plugin, getResources };
}
