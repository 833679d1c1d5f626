import { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCheckpointStore } from '../__testUtils__/createCheckpointStore';
import {
  createMockInfraService,
  plannedRequest,
} from '../__testUtils__/infraRequest';
import { createTerraformPlanAction } from './terraformPlan';

type PlanInput = Parameters<
  ReturnType<typeof createTerraformPlanAction>['handler']
>[0]['input'];

const dev = mockCredentials.user('user:default/dev');

const s3Input: PlanInput = {
  kind: 's3-bucket',
  name: 'payments-logs',
  environment: 'dev',
  ownerRef: 'group:default/team-payments',
  systemRef: '',
  justification: '  Logs for the payments service  ',
};

/** A mock context for `input`, in a task started by user:default/dev. */
function contextFor(input: PlanInput, logger?: LoggerService) {
  return {
    ...createMockActionContext({ input, logger }),
    getInitiatorCredentials: async () => dev,
  };
}

const invalidInputs: Array<[string, Partial<PlanInput>, string]> = [
  [
    'a public CIDR for a VPC',
    { kind: 'vpc', parameters: { cidrBlock: '8.8.8.0/24' } },
    'parameters.cidrBlock',
  ],
  [
    'a CIDR with shell syntax',
    { kind: 'vpc', parameters: { cidrBlock: '10.0.0.0/16; rm -rf /' } },
    'parameters.cidrBlock',
  ],
  [
    'an instance type that is not allowed',
    {
      kind: 'ec2-instance',
      parameters: { instanceType: 'x1e.32xlarge', subnetId: 'subnet-0abc1234' },
    },
    'parameters.instanceType',
  ],
  [
    'an EC2 instance without parameters',
    { kind: 'ec2-instance' },
    'parameters',
  ],
  ['a name with quotes', { name: 'a"b-bucket' }, 'name'],
  ['a name with a semicolon', { name: 'logs;destroy' }, 'name'],
  [
    'an owner that is not a group',
    { ownerRef: 'user:default/dev' },
    'ownerRef',
  ],
  [
    'a short justification',
    { justification: '   too short   ' },
    'justification',
  ],
  [
    'an unknown parameter',
    { parameters: { versioning: true, acl: 'public-read' } },
    'parameters',
  ],
];

describe('terraform:plan', () => {
  const infra = createMockInfraService();
  const action = createTerraformPlanAction({
    infra,
    auth: mockServices.auth(),
  });

  beforeEach(() => {
    jest.resetAllMocks();
    infra.planRequest.mockResolvedValue(plannedRequest());
  });

  it('plans the validated request as the initiator and sets every output', async () => {
    const logger = mockServices.logger.mock();
    const store = createCheckpointStore();
    const ctx = {
      ...contextFor(s3Input, logger),
      checkpoint: store.checkpoint,
    };

    await action.handler(ctx);

    expect(infra.planRequest).toHaveBeenCalledTimes(1);
    // Defaults applied, justification trimmed, the empty system picker dropped.
    expect(infra.planRequest).toHaveBeenCalledWith(
      {
        kind: 's3-bucket',
        name: 'payments-logs',
        environment: 'dev',
        ownerRef: 'group:default/team-payments',
        justification: 'Logs for the payments service',
        parameters: { versioning: true },
      },
      { credentials: dev },
    );
    expect(store.keys()).toEqual(['plan']);

    const { planSummary } = plannedRequest();
    const outputs = Object.fromEntries(jest.mocked(ctx.output).mock.calls);
    expect(outputs).toEqual({
      requestId: 'ireq-1',
      resourceId: 'ires-1',
      planHash: 'b'.repeat(64),
      planSummary,
      add: 3,
      change: 1,
      destroy: 0,
      approvalPayload: {
        infraRequestId: 'ireq-1',
        planHash: 'b'.repeat(64),
        operation: 'create',
        kind: 's3-bucket',
        name: 'payments-logs',
        environment: 'dev',
        parameters: { versioning: true },
      },
      approvalDetails: {
        planSummary,
        environment: 'dev',
        owner: 'group:default/team-payments',
        justification: 'Logs for the payments service',
      },
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Plan: 3 to add, 1 to change, 0 to destroy',
    );
  });

  it('passes a system and kind-specific parameters through', async () => {
    infra.planRequest.mockResolvedValue(
      plannedRequest({
        kind: 'vpc',
        resourceName: 'payments-network',
        environment: 'prod',
        systemRef: 'system:default/payments',
        parameters: { cidrBlock: '10.20.0.0/16', subnetCount: 2 },
      }),
    );
    const ctx = contextFor({
      ...s3Input,
      kind: 'vpc',
      name: 'payments-network',
      environment: 'prod',
      systemRef: 'system:default/payments',
      parameters: { cidrBlock: '10.20.0.0/16' },
    });

    await action.handler(ctx);

    expect(infra.planRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'vpc',
        systemRef: 'system:default/payments',
        parameters: { cidrBlock: '10.20.0.0/16', subnetCount: 2 },
      }),
      { credentials: dev },
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'approvalPayload',
      expect.objectContaining({
        kind: 'vpc',
        name: 'payments-network',
        environment: 'prod',
        parameters: { cidrBlock: '10.20.0.0/16', subnetCount: 2 },
      }),
    );
  });

  it.each(invalidInputs)(
    'refuses %s with an InputError before planning',
    async (_, override, path) => {
      const ctx = contextFor({ ...s3Input, ...override });

      const error = await action.handler(ctx).catch(e => e);

      expect(error.name).toBe('InputError');
      expect(error.message).toContain(`${path}:`);
      expect(infra.planRequest).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('does not plan again when a restarted task runs the step again', async () => {
    const { checkpoint } = createCheckpointStore();
    const first = { ...contextFor(s3Input), checkpoint };
    const second = { ...contextFor(s3Input), checkpoint };

    await action.handler(first);
    await action.handler(second);

    expect(infra.planRequest).toHaveBeenCalledTimes(1);
    expect(second.output).toHaveBeenCalledWith('requestId', 'ireq-1');
    expect(second.output).toHaveBeenCalledWith('planHash', 'b'.repeat(64));
    expect(jest.mocked(second.output).mock.calls).toEqual(
      jest.mocked(first.output).mock.calls,
    );
  });

  it('fails when the infra backend could not plan the request', async () => {
    infra.planRequest.mockResolvedValue(
      plannedRequest({
        status: 'failed',
        planHash: undefined,
        planSummary: undefined,
        error: 'terraform plan exited with 1',
      }),
    );
    const ctx = contextFor(s3Input);

    await expect(action.handler(ctx)).rejects.toThrow(
      'Infrastructure request ireq-1 was not planned (status failed): terraform plan exited with 1',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    ['a service', mockCredentials.service('plugin:catalog')],
    ['nobody', mockCredentials.none()],
  ])(
    'refuses when the task was started by %s rather than a user',
    async (_, credentials) => {
      const ctx = {
        ...createMockActionContext({ input: s3Input }),
        getInitiatorCredentials: async () => credentials,
      };

      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(/not started by a signed-in user/),
      });
      expect(infra.planRequest).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('lets the scaffolder reject unknown kinds and missing inputs before the handler runs', () => {
    const inputSchema = action.schema?.input;
    expect(inputSchema?.required).toEqual([
      'kind',
      'name',
      'environment',
      'ownerRef',
      'justification',
    ]);
    expect(inputSchema?.properties).toMatchObject({
      kind: { enum: ['s3-bucket', 'ec2-instance', 'vpc'] },
    });
  });
});
