import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  approvalsRequestCancelPermission,
  approvalsRequestDecidePermission,
  approvalsRequestReadPermission,
} from '@internal/plugin-approvals-common';
import { GantryPermissionPolicy } from './GantryPermissionPolicy';

const readSomething = createPermission({
  name: 'gantry.test.read',
  attributes: { action: 'read' },
});

function userWith(ref: string, groups: string[]) {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

describe('GantryPermissionPolicy', () => {
  const policy = new GantryPermissionPolicy({
    adminRefs: ['group:default/platform-admins'],
  });
  const dev = userWith('user:default/dev', ['group:default/developers']);
  const admin = userWith('user:default/ada', ['group:default/platform-admins']);

  it('allows a signed-in user what no issue has restricted', async () => {
    await expect(
      policy.handle({ permission: readSomething }, dev),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies a query that carries no user (fails closed)', async () => {
    await expect(policy.handle({ permission: readSomething })).resolves.toEqual(
      { result: AuthorizeResult.DENY },
    );
  });

  it('lets users read approval requests they asked for or must approve', async () => {
    const decision = await policy.handle(
      { permission: approvalsRequestReadPermission },
      dev,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'approvals',
      resourceType: 'approval-request',
      conditions: {
        anyOf: [
          expect.objectContaining({
            rule: 'IS_REQUESTER',
            params: { claims: dev.info.ownershipEntityRefs },
          }),
          expect.objectContaining({
            rule: 'IS_APPROVER',
            params: { claims: dev.info.ownershipEntityRefs },
          }),
        ],
      },
    });
  });

  it('lets admins read and cancel any request, but decide only as approvers', async () => {
    await expect(
      policy.handle({ permission: approvalsRequestReadPermission }, admin),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: approvalsRequestCancelPermission }, admin),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: approvalsRequestDecidePermission }, admin),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_APPROVER' },
    });
  });

  it('lets only the requester cancel when not an admin', async () => {
    await expect(
      policy.handle({ permission: approvalsRequestCancelPermission }, dev),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_REQUESTER' },
    });
  });
});
