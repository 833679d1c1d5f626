import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validate } from 'jsonschema';
import {
  createMockInfraService,
  plannedRequest,
} from '../__testUtils__/infraRequest';
import { createTerraformOutputAction } from './terraformOutput';
import { invalidRequestIdInputs } from '../__testUtils__/requestIdInputs';

const dev = mockCredentials.user('user:default/dev');

describe('terraform:output', () => {
  const infra = createMockInfraService();
  const action = createTerraformOutputAction({
    infra,
    auth: mockServices.auth(),
  });

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('reads the request as the initiator and outputs its outputs', async () => {
    infra.getRequest.mockResolvedValue(
      plannedRequest({
        status: 'applied',
        outputs: { arn: 'arn:aws:s3:::payments-logs' },
      }),
    );
    const ctx = {
      ...createMockActionContext({ input: { requestId: 'ireq-1' } }),
      getInitiatorCredentials: async () => dev,
    };

    await action.handler(ctx);

    expect(infra.getRequest).toHaveBeenCalledWith('ireq-1', {
      credentials: dev,
    });
    expect(ctx.output).toHaveBeenCalledWith('status', 'applied');
    expect(ctx.output).toHaveBeenCalledWith('outputs', {
      arn: 'arn:aws:s3:::payments-logs',
    });
  });

  it('outputs an empty object for an applied request without outputs', async () => {
    infra.getRequest.mockResolvedValue(plannedRequest({ status: 'applied' }));
    const ctx = createMockActionContext({ input: { requestId: 'ireq-1' } });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('outputs', {});
  });

  it.each([
    'planned',
    'awaiting_approval',
    'approved',
    'applying',
    'failed',
  ] as const)(
    'refuses a request that is %s with a ConflictError',
    async status => {
      infra.getRequest.mockResolvedValue(
        plannedRequest({ status, outputs: { arn: 'stale' } }),
      );
      const ctx = createMockActionContext({ input: { requestId: 'ireq-1' } });

      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'ConflictError',
        message: `Infrastructure request ireq-1 is ${status}, not applied, so it has no outputs yet`,
      });
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('refuses when the task was not started by a user', async () => {
    const ctx = {
      ...createMockActionContext({ input: { requestId: 'ireq-1' } }),
      getInitiatorCredentials: async () => mockCredentials.none(),
    };

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(infra.getRequest).not.toHaveBeenCalled();
  });

  it.each(invalidRequestIdInputs)(
    'lets the scaffolder reject %s before the handler runs',
    (_, input, message) => {
      // The same call as the scaffolder's workflow runner makes on each step's rendered input.
      const result = validate(input, action.schema?.input);
      expect(result.valid).toBe(false);
      expect(result.errors.map(e => e.stack)).toContainEqual(
        expect.stringContaining(message),
      );
    },
  );

  it('lets the scaffolder pass a request id to the handler', () => {
    expect(
      validate({ requestId: 'ireq-1' }, action.schema?.input).errors,
    ).toEqual([]);
  });
});
