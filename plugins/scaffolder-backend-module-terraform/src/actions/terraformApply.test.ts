import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validate } from 'jsonschema';
import { invalidRequestIdInputs } from '../__testUtils__/requestIdInputs';
import { createCheckpointStore } from '../__testUtils__/createCheckpointStore';
import {
  createMockInfraService,
  plannedRequest,
} from '../__testUtils__/infraRequest';
import { createTerraformApplyAction } from './terraformApply';

const dev = mockCredentials.user('user:default/dev');

describe('terraform:apply', () => {
  const infra = createMockInfraService();
  const action = createTerraformApplyAction({
    infra,
    auth: mockServices.auth(),
  });

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('applies as the initiator and outputs the status and outputs', async () => {
    infra.applyRequest.mockResolvedValue(
      plannedRequest({
        status: 'applied',
        outputs: { arn: 'arn:aws:s3:::payments-logs', versioning: true },
      }),
    );
    const ctx = {
      ...createMockActionContext({ input: { requestId: 'ireq-1' } }),
      getInitiatorCredentials: async () => dev,
    };

    await action.handler(ctx);

    expect(infra.applyRequest).toHaveBeenCalledWith('ireq-1', {
      credentials: dev,
    });
    expect(ctx.output).toHaveBeenCalledWith('status', 'applied');
    expect(ctx.output).toHaveBeenCalledWith('outputs', {
      arn: 'arn:aws:s3:::payments-logs',
      versioning: true,
    });
  });

  it('outputs empty outputs while the apply is still running', async () => {
    infra.applyRequest.mockResolvedValue(
      plannedRequest({ status: 'applying' }),
    );
    const ctx = createMockActionContext({ input: { requestId: 'ireq-1' } });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('status', 'applying');
    expect(ctx.output).toHaveBeenCalledWith('outputs', {});
  });

  it('propagates the 409 of a request that is not approved', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message: 'Request ireq-1 is awaiting_approval, not approved',
        },
        request: { method: 'POST', url: '/requests/ireq-1/apply' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    infra.applyRequest.mockRejectedValue(
      await ResponseError.fromResponse(response),
    );
    const ctx = createMockActionContext({ input: { requestId: 'ireq-1' } });

    const error = await action.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause).toMatchObject({ name: 'ConflictError' });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('does not apply again when a restarted task runs the step again', async () => {
    infra.applyRequest.mockResolvedValueOnce(
      plannedRequest({ status: 'applied', outputs: { arn: 'arn:1' } }),
    );
    const { checkpoint } = createCheckpointStore();
    const input = { requestId: 'ireq-1' };
    const first = { ...createMockActionContext({ input }), checkpoint };
    const second = { ...createMockActionContext({ input }), checkpoint };

    await action.handler(first);
    await action.handler(second);

    expect(infra.applyRequest).toHaveBeenCalledTimes(1);
    expect(second.output).toHaveBeenCalledWith('outputs', { arn: 'arn:1' });
  });

  it('refuses when the task was not started by a user', async () => {
    const ctx = {
      ...createMockActionContext({ input: { requestId: 'ireq-1' } }),
      getInitiatorCredentials: async () =>
        mockCredentials.service('plugin:catalog'),
    };

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(infra.applyRequest).not.toHaveBeenCalled();
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
