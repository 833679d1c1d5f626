import { mockServices } from '@backstage/backend-test-utils';
import { AuditorService } from '@backstage/backend-plugin-api';
import { auditedAction } from './auditedAction';

/** An auditor whose events record what happened to them; `success` may be made to fail. */
function recordingAuditor(options: { successFails?: boolean } = {}) {
  const outcomes: unknown[] = [];
  const auditor = {
    createEvent: jest.fn(async () => ({
      success: async (params?: { meta?: unknown }) => {
        if (options.successFails) throw new Error('connection terminated');
        outcomes.push(['succeeded', params?.meta]);
      },
      fail: async (params: { error: Error }) => {
        outcomes.push(['failed', params.error.message]);
      },
    })),
  } as unknown as AuditorService;
  return { auditor, outcomes };
}

describe('auditedAction', () => {
  const options = { eventId: 'thing-change', severityLevel: 'medium' as const };

  it('succeeds with the meta of the result, and returns the result', async () => {
    const { auditor, outcomes } = recordingAuditor();
    const logger = mockServices.logger.mock();
    const result = await auditedAction(
      { auditor, logger },
      options,
      async () => ({ id: 'a1' }),
      done => ({ thingId: done.id }),
    );
    expect(result).toEqual({ id: 'a1' });
    expect(outcomes).toEqual([['succeeded', { thingId: 'a1' }]]);
  });

  it('fails the event with the error, and throws it on', async () => {
    const { auditor, outcomes } = recordingAuditor();
    const logger = mockServices.logger.mock();
    await expect(
      auditedAction({ auditor, logger }, options, async () => {
        throw new Error('not allowed');
      }),
    ).rejects.toThrow('not allowed');
    expect(outcomes).toEqual([['failed', 'not allowed']]);
  });

  it('never starts the action when its event cannot be stored', async () => {
    const auditor = {
      createEvent: jest.fn(async () => {
        throw new Error('audit store down');
      }),
    } as unknown as AuditorService;
    const action = jest.fn(async () => 'done');
    await expect(
      auditedAction(
        { auditor, logger: mockServices.logger.mock() },
        options,
        action,
      ),
    ).rejects.toThrow('audit store down');
    expect(action).not.toHaveBeenCalled();
  });

  it('returns a committed result when its success cannot be stored, and logs it', async () => {
    const { auditor } = recordingAuditor({ successFails: true });
    const logger = mockServices.logger.mock();
    await expect(
      auditedAction({ auditor, logger }, options, async () => 'committed'),
    ).resolves.toBe('committed');
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('thing-change'),
    );
  });
});
