import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  TemporaryGrant,
  TemporaryGrantTarget,
} from '@internal/plugin-rbac-common';
import { GroupGraph } from './GroupGraph';
import { RbacEngine } from './RbacEngine';
import { readRbacConfig } from './roleConfig';

const create = createPermission({
  name: 'infra.request.create',
  attributes: { action: 'create' },
});
const read = createPermission({
  name: 'infra.request.read',
  attributes: { action: 'read' },
  resourceType: 'infra-request',
});
const destroy = createPermission({
  name: 'infra.resource.destroy',
  attributes: { action: 'delete' },
  resourceType: 'infra-resource',
});

const roles = [
  {
    name: 'admin',
    description: 'Everything',
    members: ['group:default/platform-admins'],
    grants: [{ permission: '*' }],
  },
  {
    name: 'approver',
    description: 'Approvers',
    members: ['group:default/approvers'],
    grants: [
      { permission: 'infra.request.read', condition: { rule: 'IS_APPROVER' } },
    ],
  },
  {
    name: 'developer',
    description: 'Developers',
    members: ['group:default/developers'],
    grants: [
      { permission: 'infra.request.create' },
      {
        permission: 'infra.resource.destroy',
        condition: { rule: 'IS_OWNER' },
      },
    ],
  },
];

const graph = new GroupGraph(
  [
    { ref: 'group:default/engineering', parents: [] },
    { ref: 'group:default/approvers', parents: ['group:default/engineering'] },
    {
      ref: 'group:default/payments-approvers',
      parents: ['group:default/approvers'],
    },
    { ref: 'group:default/developers', parents: ['group:default/engineering'] },
    { ref: 'group:default/platform-admins', parents: [] },
  ],
  [
    { ref: 'user:default/dev', groups: ['group:default/developers'] },
    { ref: 'user:default/vera', groups: [] },
  ],
);

const NOW = Date.parse('2026-11-29T12:00:00Z');
const inMinutes = (minutes: number) =>
  new Date(NOW + minutes * 60_000).toISOString();

let nextId = 1;
function grant(
  user: string,
  target: TemporaryGrantTarget,
  expiresAt = inMinutes(60),
): TemporaryGrant {
  return {
    id: `grant-${nextId++}`,
    userEntityRef: `user:default/${user}`,
    target,
    expiresAt,
  };
}

function engine(temporaryGrants: TemporaryGrant[], now = NOW) {
  return new RbacEngine(
    readRbacConfig(new ConfigReader({ gantry: { rbac: { roles } } })),
    graph,
    { temporaryGrants, now },
  );
}

const user = (name: string) => ({
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [`user:default/${name}`],
});

describe('RbacEngine with temporary grants', () => {
  it('gives the role of a role grant, and says the decision depends on it', () => {
    const admin = grant('vera', { kind: 'role', role: 'admin' });
    const rbac = engine([admin]);
    expect(rbac.decide(create, user('vera'))).toEqual({
      result: AuthorizeResult.ALLOW,
      grantedBy: ['admin'],
      temporaryGrantIds: [admin.id],
    });
    // Without the grant, vera has no role.
    expect(engine([]).decide(create, user('vera')).result).toBe(
      AuthorizeResult.DENY,
    );
    // Others are not affected.
    expect(rbac.decide(create, user('dev'))).toEqual({
      result: AuthorizeResult.ALLOW,
      grantedBy: ['developer'],
      temporaryGrantIds: [],
    });
    expect(rbac.resolve(user('vera'))).toMatchObject({
      roles: [expect.objectContaining({ name: 'admin' })],
      temporaryRoles: ['admin'],
      temporaryGrants: [{ grant: admin, roles: ['admin'] }],
    });
  });

  it('does not name a grant when the permanent roles give the same decision', () => {
    const alsoDeveloper = grant('dev', { kind: 'role', role: 'developer' });
    const rbac = engine([alsoDeveloper]);
    expect(rbac.decide(create, user('dev'))).toEqual({
      result: AuthorizeResult.ALLOW,
      grantedBy: ['developer'],
      temporaryGrantIds: [],
    });
    expect(rbac.resolve(user('dev')).temporaryRoles).toEqual([]);
  });

  it("counts a group grant like a catalog group: the group's roles and its IS_APPROVER claims", () => {
    const approvers = grant('dev', {
      kind: 'group',
      group: 'group:default/approvers',
    });
    const rbac = engine([approvers]);
    expect(rbac.decide(read, user('dev'))).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'infra',
      resourceType: 'infra-request',
      grantedBy: ['approver'],
      temporaryGrantIds: [approvers.id],
      conditions: {
        rule: 'IS_APPROVER',
        resourceType: 'infra-request',
        params: {
          claims: [
            'user:default/dev',
            'group:default/developers',
            'group:default/approvers',
            'group:default/engineering',
          ],
        },
      },
    });
    expect(engine([]).decide(read, user('dev')).result).toBe(
      AuthorizeResult.DENY,
    );
    const resolved = rbac.resolve(user('dev'));
    expect(resolved.roles.map(r => r.name)).toEqual(['approver', 'developer']);
    expect(resolved.temporaryRoles).toEqual(['approver']);
    // Ownership goes down from the granted group.
    expect(resolved.ownershipRefs).toContain(
      'group:default/payments-approvers',
    );
  });

  it("names a group grant whose refs widen a permanent role's condition", () => {
    const approvers = grant('dev', {
      kind: 'group',
      group: 'group:default/approvers',
    });
    const decision = engine([approvers]).decide(destroy, user('dev'));
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(decision.grantedBy).toEqual(['developer']);
    // IS_OWNER now also covers what approvers (and the groups below) own.
    expect(decision.temporaryGrantIds).toEqual([approvers.id]);
    expect(JSON.stringify(decision)).toContain(
      'group:default/payments-approvers',
    );
  });

  it('ignores a grant that expired before the engine was built, and says when the next one expires', () => {
    const expired = grant(
      'vera',
      { kind: 'role', role: 'admin' },
      inMinutes(-1),
    );
    const atNow = grant('vera', { kind: 'role', role: 'admin' }, inMinutes(0));
    const later = grant(
      'vera',
      { kind: 'group', group: 'group:default/approvers' },
      inMinutes(5),
    );
    const rbac = engine([expired, atNow, later]);
    expect(rbac.decide(create, user('vera')).result).toBe(AuthorizeResult.DENY);
    expect(rbac.temporaryGrants).toEqual([later]);
    expect(rbac.nextExpiry).toBe(NOW + 5 * 60_000);
    expect(
      engine([later], NOW + 5 * 60_000).decide(read, user('vera')),
    ).toEqual({
      result: AuthorizeResult.DENY,
      grantedBy: [],
      temporaryGrantIds: [],
    });
    expect(engine([]).nextExpiry).toBeUndefined();
  });

  it('gives nothing for a role gantry.rbac does not define', () => {
    const unknown = grant('vera', { kind: 'role', role: 'root' });
    const rbac = engine([unknown]);
    expect(rbac.decide(create, user('vera')).result).toBe(AuthorizeResult.DENY);
    expect(rbac.resolve(user('vera')).temporaryGrants).toEqual([
      { grant: unknown, roles: [] },
    ]);
  });

  it('names only the grants that gave the decision', () => {
    const admin = grant('vera', { kind: 'role', role: 'admin' });
    const developer = grant('vera', { kind: 'role', role: 'developer' });
    const decision = engine([admin, developer]).decide(read, user('vera'));
    expect(decision).toMatchObject({
      result: AuthorizeResult.ALLOW,
      grantedBy: ['admin'],
      temporaryGrantIds: [admin.id],
    });
  });
});
