import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validate } from 'jsonschema';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { createRequestApprovalAction } from './requestApproval';

const createdRequest: ApprovalRequest = {
  id: 'req-1',
  kind: 'generic',
  title: 'Create repository demo',
  status: 'pending',
  requesterRef: 'user:default/mock',
  createdBy: 'plugin:scaffolder',
  approvers: { users: [], groups: ['group:default/approvers'] },
  quorum: 1,
  expiresAt: '2030-01-08T00:00:00.000Z',
  payload: { repository: 'demo' },
  payloadHash: 'a'.repeat(64),
  links: [],
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  approvals: 0,
  history: [],
};

/**
 * Checkpoints as the scaffolder's workflow runner keeps them for a task: a successful
 * checkpoint is replayed on the next run instead of calling `fn` again. The mock context's
 * own `checkpoint` just calls `fn` every time.
 */
function createCheckpointStore(): ReturnType<
  typeof createMockActionContext
>['checkpoint'] {
  const values = new Map<string, unknown>();
  return async ({ key, fn }) => {
    if (values.has(key)) {
      // What the runner stores is the JSON that fn returned.
      return values.get(key) as Awaited<ReturnType<typeof fn>>;
    }
    const value = await fn();
    values.set(key, JSON.parse(JSON.stringify(value ?? {})));
    return value;
  };
}

describe('gantry:approval:request', () => {
  const approvals: jest.Mocked<ApprovalsService> = {
    createRequest: jest.fn(),
    createRequestFor: jest.fn(),
    getRequest: jest.fn(),
    withdrawRequest: jest.fn(),
    reportExecution: jest.fn(),
  };
  const action = createRequestApprovalAction({
    approvals,
    auth: mockServices.auth(),
    config: mockServices.rootConfig({
      data: { app: { baseUrl: 'https://gantry.example.com/' } },
    }),
  });

  beforeEach(() => {
    jest.resetAllMocks();
    approvals.createRequest.mockResolvedValue(createdRequest);
  });

  it('opens the request as the user running the template and sets the outputs', async () => {
    const ctx = createMockActionContext({
      input: {
        kind: 'prod-change',
        title: 'Scale api',
        summary: 'More replicas',
        onBehalfOf: 'group:default/team-a',
        approvers: {
          users: ['user:default/jane'],
          groups: ['group:default/sre'],
        },
        quorum: 2,
        expiresInSeconds: 86400,
        payload: { service: 'api', replicas: 5, token: 's3cret' },
        details: { environment: 'production' },
        links: [{ title: 'Runbook', url: 'https://runbooks.example.com' }],
      },
    });
    const initiator = await ctx.getInitiatorCredentials();

    await action.handler(ctx);

    expect(approvals.createRequest).toHaveBeenCalledTimes(1);
    expect(approvals.createRequest).toHaveBeenCalledWith(
      {
        kind: 'prod-change',
        title: 'Scale api',
        summary: 'More replicas',
        onBehalfOfRef: 'group:default/team-a',
        approvers: {
          users: ['user:default/jane'],
          groups: ['group:default/sre'],
        },
        quorum: 2,
        expiresInSeconds: 86400,
        payload: { service: 'api', replicas: 5, token: 's3cret' },
        details: { environment: 'production' },
        links: [{ title: 'Runbook', url: 'https://runbooks.example.com' }],
      },
      { credentials: initiator },
    );
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'req-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'requestUrl',
      'https://gantry.example.com/approvals/requests/req-1',
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'pending');
    expect(ctx.output).toHaveBeenCalledWith('payloadHash', 'a'.repeat(64));
  });

  it('applies the defaults for kind and approvers', async () => {
    const ctx = createMockActionContext({
      input: {
        title: 'Create repository demo',
        payload: { repository: 'demo' },
      },
    });

    await action.handler(ctx);

    expect(approvals.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'generic',
        approvers: { users: [], groups: ['group:default/approvers'] },
      }),
      expect.anything(),
    );
  });

  it('keeps the approvers it is given, even users only', async () => {
    const ctx = createMockActionContext({
      input: {
        title: 'Create repository demo',
        payload: 'anything',
        approvers: { users: ['user:default/jane'] },
      },
    });

    await action.handler(ctx);

    expect(approvals.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        approvers: { users: ['user:default/jane'], groups: [] },
      }),
      expect.anything(),
    );
  });

  it('does not open a second request when a restarted task runs the step again', async () => {
    const checkpoint = createCheckpointStore();
    const input = { title: 'Create repository demo', payload: { n: 1 } };
    const first = { ...createMockActionContext({ input }), checkpoint };
    const second = { ...createMockActionContext({ input }), checkpoint };

    await action.handler(first);
    await action.handler(second);

    expect(approvals.createRequest).toHaveBeenCalledTimes(1);
    expect(second.output).toHaveBeenCalledWith('requestId', 'req-1');
    expect(second.output).toHaveBeenCalledWith(
      'requestUrl',
      'https://gantry.example.com/approvals/requests/req-1',
    );
  });

  it.each([
    ['a service', mockCredentials.service('plugin:catalog')],
    ['nobody', mockCredentials.none()],
  ])(
    'refuses when the task was started by %s rather than a user',
    async (_, credentials) => {
      const ctx = {
        ...createMockActionContext({
          input: { title: 'Create repository demo', payload: {} },
        }),
        getInitiatorCredentials: async () => credentials,
      };

      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(/not started by a signed-in user/),
      });
      expect(approvals.createRequest).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('never logs the payload', async () => {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: {
        title: 'Create repository demo',
        payload: { token: 'do-not-log-me' },
      },
      logger,
    });

    await action.handler(ctx);

    expect(logger.info).toHaveBeenCalled();
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain(
      'do-not-log-me',
    );
  });

  describe('input schema', () => {
    // The same call as the scaffolder's workflow runner makes on each step's rendered input.
    const validateStep = (input: unknown) =>
      validate(input, action.schema?.input);

    it.each<[string, unknown]>([
      [
        'the two required inputs',
        { title: 'Create repository demo', payload: { n: 1 } },
      ],
      ['a null payload', { title: 'Create repository demo', payload: null }],
      [
        'every input',
        {
          kind: 'prod-change',
          title: 'Scale api',
          summary: 'More replicas',
          onBehalfOf: 'group:default/team-a',
          approvers: {
            users: ['user:default/jane'],
            groups: ['group:default/sre'],
          },
          quorum: 2,
          expiresInSeconds: 86400,
          payload: ['api', 5],
          details: { environment: 'production' },
          links: [{ title: 'Runbook', url: 'https://runbooks.example.com' }],
        },
      ],
    ])('lets the scaffolder pass %s to the handler', (_, input) => {
      expect(validateStep(input).errors).toEqual([]);
    });

    it.each<[string, unknown, string]>([
      ['a missing title', { payload: {} }, 'requires property "title"'],
      ['a missing payload', { title: 'Deploy' }, 'requires property "payload"'],
      [
        'an unknown input',
        { title: 'Deploy', payload: {}, approver: 'group:default/sre' },
        'additional property "approver"',
      ],
      [
        'approver groups given as one string',
        {
          title: 'Deploy',
          payload: {},
          approvers: { groups: 'group:default/sre' },
        },
        'instance.approvers.groups is not of a type(s) array',
      ],
      [
        'an unknown kind of approver',
        { title: 'Deploy', payload: {}, approvers: { teams: ['sre'] } },
        'additional property "teams"',
      ],
      [
        'a fractional quorum',
        { title: 'Deploy', payload: {}, quorum: 1.5 },
        'instance.quorum is not of a type(s) integer',
      ],
      [
        'a link without a url',
        { title: 'Deploy', payload: {}, links: [{ title: 'Runbook' }] },
        'requires property "url"',
      ],
    ])(
      'lets the scaffolder reject %s before the handler runs',
      (_, input, message) => {
        const result = validateStep(input);
        expect(result.valid).toBe(false);
        expect(result.errors.map(e => e.stack)).toContainEqual(
          expect.stringContaining(message),
        );
      },
    );

    it('rejects input the approvals backend would reject, before calling it', async () => {
      const ctx = createMockActionContext({
        input: {
          title: '   ',
          payload: {},
          approvers: { groups: ['team-a'] },
          kind: 'Not A Kind',
        },
      });

      const error = await action.handler(ctx).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toContain('kind:');
      expect(error.message).toContain('title:');
      expect(error.message).toContain('approvers.groups.0:');
      expect(approvals.createRequest).not.toHaveBeenCalled();
    });
  });
});
