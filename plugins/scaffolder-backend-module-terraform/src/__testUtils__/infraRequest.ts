import { InfraRequest } from '@internal/plugin-infra-common';
import { InfraService } from '@internal/plugin-infra-node';

/** A planned S3 bucket request as the infra backend returns it. */
export function plannedRequest(
  overrides: Partial<InfraRequest> = {},
): InfraRequest {
  return {
    id: 'ireq-1',
    operation: 'create',
    kind: 's3-bucket',
    resourceId: 'ires-1',
    resourceName: 'payments-logs',
    environment: 'dev',
    requesterRef: 'user:default/dev',
    ownerRef: 'group:default/team-payments',
    justification: 'Logs for the payments service',
    parameters: { versioning: true },
    status: 'planned',
    planHash: 'b'.repeat(64),
    planSummary: {
      version: 2,
      add: 3,
      change: 1,
      destroy: 0,
      replace: 0,
      noop: 0,
      read: 0,
      import: 0,
      move: 0,
      resources: [
        {
          address: 'aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          action: 'create',
          mode: 'managed',
        },
        {
          address: 'aws_s3_bucket_versioning.this',
          type: 'aws_s3_bucket_versioning',
          action: 'create',
          mode: 'managed',
        },
        {
          address: 'aws_s3_bucket_public_access_block.this',
          type: 'aws_s3_bucket_public_access_block',
          action: 'create',
          mode: 'managed',
        },
        {
          address: 'aws_s3_bucket_policy.this',
          type: 'aws_s3_bucket_policy',
          action: 'update',
          mode: 'managed',
        },
      ],
      outputs: [],
    },
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An InfraService whose every method is a jest mock. */
export function createMockInfraService(): jest.Mocked<InfraService> {
  return {
    submitRequest: jest.fn(),
    getRequest: jest.fn(),
    applyRequest: jest.fn(),
    listResources: jest.fn(),
    reportCatalogSync: jest.fn(),
  };
}
