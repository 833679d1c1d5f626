import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { sampleOrgEngine, sampleUser } from './__testUtils__/sampleOrg';
import { GantryPermissionPolicy } from './GantryPermissionPolicy';

const createRequest = createPermission({
  name: 'infra.request.create',
  attributes: { action: 'create' },
});

describe('GantryPermissionPolicy', () => {
  const engine = sampleOrgEngine();
  const asUser = (name: string) => {
    const info = sampleUser(engine, name);
    return { credentials: mockCredentials.user(info.userEntityRef), info };
  };

  it('answers with the engine decision, without saying which role gave it', async () => {
    const policy = new GantryPermissionPolicy({
      engine: () => engine,
      ready: async () => {},
    });
    await expect(
      policy.handle({ permission: createRequest }, asUser('dev')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: createRequest }, asUser('vera')),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies a query that carries no user (fails closed)', async () => {
    const policy = new GantryPermissionPolicy({
      engine: () => engine,
      ready: async () => {},
    });
    await expect(policy.handle({ permission: createRequest })).resolves.toEqual(
      { result: AuthorizeResult.DENY },
    );
  });

  it('waits for the roles to be ready before deciding', async () => {
    let release = () => {};
    const ready = new Promise<void>(resolve => {
      release = resolve;
    });
    const policy = new GantryPermissionPolicy({
      engine: () => engine,
      ready: () => ready,
    });
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
