import { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validate } from 'jsonschema';
import { createCheckpointStore } from '../__testUtils__/createCheckpointStore';
import {
  createMockInfraService,
  plannedRequest,
} from '../__testUtils__/infraRequest';

/** What the infra backend answers a submit with: the request, queued for its plan job. */
const queuedRequest = () =>
  plannedRequest({
    status: 'planning',
    planHash: undefined,
    planSummary: undefined,
  });
import { createInfraRequestSubmitAction } from './infraRequestSubmit';

type SubmitInput = Parameters<
  ReturnType<typeof createInfraRequestSubmitAction>['handler']
>[0]['input'];

const dev = mockCredentials.user('user:default/dev');

const s3Input: SubmitInput = {
  kind: 's3-bucket',
  name: 'payments-logs',
  environment: 'dev',
  ownerRef: 'group:default/team-payments',
  systemRef: '',
  justification: '  Logs for the payments service  ',
};

/** A mock context for `input`, in a task started by user:default/dev. */
function contextFor(input: SubmitInput, logger?: LoggerService) {
  return {
    ...createMockActionContext({ input, logger }),
    getInitiatorCredentials: async () => dev,
  };
}

const invalidInputs: Array<[string, Partial<SubmitInput>, string]> = [
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

describe('infra:request:submit', () => {
  const infra = createMockInfraService();
  const action = createInfraRequestSubmitAction({
    infra,
    auth: mockServices.auth(),
  });

  beforeEach(() => {
    jest.resetAllMocks();
    infra.submitRequest.mockResolvedValue(queuedRequest());
  });

  it('submits the validated request as the initiator and outputs its id and page', async () => {
    const logger = mockServices.logger.mock();
    const store = createCheckpointStore();
    const ctx = {
      ...contextFor(s3Input, logger),
      checkpoint: store.checkpoint,
    };

    await action.handler(ctx);

    expect(infra.submitRequest).toHaveBeenCalledTimes(1);
    // Defaults applied, justification trimmed, the empty system picker dropped.
    expect(infra.submitRequest).toHaveBeenCalledWith(
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
    expect(store.keys()).toEqual(['submit']);

    const outputs = Object.fromEntries(jest.mocked(ctx.output).mock.calls);
    expect(outputs).toEqual({
      requestId: 'ireq-1',
      resourceId: 'ires-1',
      requestUrl: '/infra/requests/ireq-1',
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Request ireq-1 is queued: it is planned as a job/,
      ),
    );
  });

  it('passes a system and kind-specific parameters through', async () => {
    infra.submitRequest.mockResolvedValue(
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

    expect(infra.submitRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'vpc',
        systemRef: 'system:default/payments',
        parameters: { cidrBlock: '10.20.0.0/16', subnetCount: 2 },
      }),
      { credentials: dev },
    );
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'ireq-1');
  });

  it.each(invalidInputs)(
    'refuses %s with an InputError before submitting',
    async (_, override, path) => {
      const ctx = contextFor({ ...s3Input, ...override });

      const error = await action.handler(ctx).catch(e => e);

      expect(error.name).toBe('InputError');
      expect(error.message).toContain(`${path}:`);
      expect(infra.submitRequest).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('does not submit again when a restarted task runs the step again', async () => {
    const { checkpoint } = createCheckpointStore();
    const first = { ...contextFor(s3Input), checkpoint };
    const second = { ...contextFor(s3Input), checkpoint };

    await action.handler(first);
    await action.handler(second);

    expect(infra.submitRequest).toHaveBeenCalledTimes(1);
    expect(second.output).toHaveBeenCalledWith('requestId', 'ireq-1');
    expect(jest.mocked(second.output).mock.calls).toEqual(
      jest.mocked(first.output).mock.calls,
    );
  });

  it('fails with the reason of the backend when the infra backend refuses the request', async () => {
    const refused = Object.assign(
      new Error('A resource named payments-logs already exists'),
      {
        name: 'ConflictError',
      },
    );
    infra.submitRequest.mockRejectedValue(refused);
    const ctx = contextFor(s3Input);

    await expect(action.handler(ctx)).rejects.toThrow(
      'A resource named payments-logs already exists',
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
      expect(infra.submitRequest).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  describe('as the scaffolder validates a step before the handler runs', () => {
    // The same call as the scaffolder's workflow runner makes on each step's rendered input.
    const validateStep = (input: unknown) =>
      validate(input, action.schema?.input);
    const { name: _name, ...withoutName } = s3Input;
    const { justification: _justification, ...withoutJustification } = s3Input;

    it.each<[string, unknown]>([
      ['an S3 bucket', s3Input],
      ['an S3 bucket in the sandbox', { ...s3Input, environment: 'sandbox' }],
      [
        'an EC2 instance',
        {
          ...s3Input,
          kind: 'ec2-instance',
          parameters: {
            instanceType: 't3.small',
            subnetId: 'subnet-0abc1234',
            diskGb: 40,
          },
        },
      ],
      [
        'a VPC',
        {
          ...s3Input,
          kind: 'vpc',
          parameters: { cidrBlock: '10.20.0.0/16', subnetCount: 3 },
        },
      ],
    ])('accepts %s', (_, input) => {
      expect(validateStep(input).errors).toEqual([]);
    });

    it.each<[string, unknown, string]>([
      [
        'an unknown kind',
        { ...s3Input, kind: 'rds-database' },
        'instance.kind is not one of enum values',
      ],
      [
        'an unknown environment',
        { ...s3Input, environment: 'staging' },
        'instance.environment is not one of enum values',
      ],
      ['a missing name', withoutName, 'requires property "name"'],
      [
        'a missing justification',
        withoutJustification,
        'requires property "justification"',
      ],
      [
        'an unknown input',
        { ...s3Input, region: 'eu-west-1' },
        'is not allowed to have the additional property "region"',
      ],
      [
        'a nested parameter',
        { ...s3Input, parameters: { tags: { team: 'payments' } } },
        'instance.parameters.tags is not of a type(s) string,number,boolean',
      ],
    ])('rejects %s', (_, input, message) => {
      const result = validateStep(input);
      expect(result.valid).toBe(false);
      expect(result.errors.map(e => e.stack)).toContainEqual(
        expect.stringContaining(message),
      );
    });
  });
});
