import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { sampleOrgEngine, sampleUser } from './__testUtils__/sampleOrg';
import { GantryPermissionPolicy, RolesSource } from './GantryPermissionPolicy';

const createRequest = createPermission({
  name: 'infra.request.create',
  attributes: { action: 'create' },
});

const readRequest = createPermission({
  name: 'infra.request.read',
  attributes: { action: 'read' },
  resourceType: 'infra-request',
});

/** Lets the denial's fire-and-forget audit finish. */
const settle = () => new Promise(resolve => setTimeout(resolve, 10));

describe('GantryPermissionPolicy', () => {
  const engine = sampleOrgEngine();
  const asUser = (name: string) => {
    const info = sampleUser(engine, name);
    return { credentials: mockCredentials.user(info.userEntityRef), info };
  };
  const roles: RolesSource = { engine: () => engine, ready: async () => {} };

  function policyWith(source: RolesSource = roles) {
    const auditor = mockServices.auditor.mock();
    const logger = mockServices.logger.mock();
    return {
      policy: new GantryPermissionPolicy(source, { auditor, logger }),
      auditor,
      logger,
    };
  }

  it('answers with the engine decision, without saying which role gave it', async () => {
    const { policy } = policyWith();
    await expect(
      policy.handle({ permission: createRequest }, asUser('dev')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: createRequest }, asUser('vera')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies a query that carries no user (fails closed)', async () => {
    const { policy } = policyWith();
    await expect(policy.handle({ permission: createRequest })).resolves.toEqual(
      { result: AuthorizeResult.DENY },
    );
  });

  it('records a denial as a failed low-severity event naming the permission and the user', async () => {
    const { policy, auditor } = policyWith();
    await policy.handle({ permission: readRequest }, asUser('vera'));
    await settle();
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'permission-deny',
      severityLevel: 'low',
      meta: {
        permission: 'infra.request.read',
        action: 'read',
        resourceType: 'infra-request',
        user: 'user:default/vera',
      },
    });
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.success).not.toHaveBeenCalled();
    expect(event.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /user:default\/vera may not infra\.request\.read/,
        ),
      }),
    });
  });

  it('records the denial of a query without a user', async () => {
    const { policy, auditor } = policyWith();
    await policy.handle({ permission: createRequest });
    await settle();
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'permission-deny',
      severityLevel: 'low',
      meta: {
        permission: 'infra.request.create',
        action: 'create',
        user: null,
      },
    });
  });

  it('records nothing for an allow or a conditional decision', async () => {
    const { policy, auditor } = policyWith();
    await expect(
      policy.handle({ permission: createRequest }, asUser('dev')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: readRequest }, asUser('dev')),
    ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
    await settle();
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });

  it('still answers a denial when the audit fails, and logs a warning', async () => {
    const { policy, auditor, logger } = policyWith();
    auditor.createEvent.mockRejectedValue(new Error('audit store is down'));
    await expect(
      policy.handle({ permission: createRequest }, asUser('vera')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await settle();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Could not audit the denial of infra\.request\.create to user:default\/vera.*audit store is down/,
      ),
    );
  });

  it('does not wait for the audit before answering', async () => {
    const { policy, auditor } = policyWith();
    auditor.createEvent.mockReturnValue(new Promise(() => {}));
    await expect(
      policy.handle({ permission: createRequest }, asUser('vera')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('waits for the roles to be ready before deciding', async () => {
    let release = () => {};
    const ready = new Promise<void>(resolve => {
      release = resolve;
    });
    const { policy } = policyWith({ engine: () => engine, ready: () => ready });
    let answered = false;
    const answer = policy
      .handle({ permission: createRequest }, asUser('dev'))
      .then(decision => {
        answered = true;
        return decision;
      });
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    release();
    await expect(answer).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
