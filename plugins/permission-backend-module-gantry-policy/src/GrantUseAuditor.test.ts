import { mockServices } from '@backstage/backend-test-utils';
import { GrantUseAuditor } from './GrantUseAuditor';

/** Lets the fire-and-forget records finish. */
const settle = () => new Promise(resolve => setTimeout(resolve, 10));

describe('GrantUseAuditor', () => {
  let now = Date.parse('2026-11-29T12:00:00Z');
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  function audited() {
    const auditor = mockServices.auditor.mock();
    const logger = mockServices.logger.mock();
    const uses = new GrantUseAuditor({ auditor, logger });
    const recorded = () =>
      auditor.createEvent.mock.calls.map(([event]) => event.meta);
    return { auditor, logger, uses, recorded };
  }

  it('records a use once per grant and permission for 5 minutes', async () => {
    const { uses, recorded, auditor } = audited();
    uses.record(['g1'], 'user:default/vera', 'infra.request.create');
    uses.record(['g1'], 'user:default/vera', 'infra.request.create');
    uses.record(['g1', 'g2'], 'user:default/vera', 'infra.request.read');
    now += 4 * 60_000;
    uses.record(['g1'], 'user:default/vera', 'infra.request.create');
    await settle();
    expect(recorded()).toEqual([
      {
        grantId: 'g1',
        user: 'user:default/vera',
        permission: 'infra.request.create',
      },
      {
        grantId: 'g1',
        user: 'user:default/vera',
        permission: 'infra.request.read',
      },
      {
        grantId: 'g2',
        user: 'user:default/vera',
        permission: 'infra.request.read',
      },
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'access-grant-use',
        severityLevel: 'medium',
      }),
    );
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.success).toHaveBeenCalledTimes(1);

    now += 60_000;
    uses.record(['g1'], 'user:default/vera', 'infra.request.create');
    await settle();
    expect(recorded()).toHaveLength(4);
  });

  it('logs a use it cannot record, and records it at the next use', async () => {
    const { uses, recorded, auditor, logger } = audited();
    auditor.createEvent.mockRejectedValueOnce(new Error('audit is down'));
    uses.record(['g1'], 'user:default/vera', 'infra.request.create');
    await settle();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not audit the use of temporary grant g1 by user:default\/vera for infra\.request\.create: Error: audit is down/,
      ),
    );
    uses.record(['g1'], 'user:default/vera', 'infra.request.create');
    await settle();
    expect(recorded()).toHaveLength(2);
  });
});
