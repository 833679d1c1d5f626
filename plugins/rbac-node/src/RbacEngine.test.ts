import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { GroupGraph } from './GroupGraph';
import { RbacEngine } from './RbacEngine';
import { readRbacConfig } from './roleConfig';

const read = createPermission({
  name: 'infra.request.read',
  attributes: { action: 'read' },
  resourceType: 'infra-request',
});
const apply = createPermission({
  name: 'infra.request.apply',
  attributes: { action: 'update' },
  resourceType: 'infra-request',
});
const create = createPermission({
  name: 'infra.request.create',
  attributes: { action: 'create' },
});
const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const pluginFromLater = createPermission({
  name: 'costs.report.read',
  attributes: { action: 'read' },
});

const graph = new GroupGraph(
  [
    { ref: 'group:default/engineering', parents: [] },
    { ref: 'group:default/payments', parents: ['group:default/engineering'] },
    { ref: 'group:default/cards', parents: ['group:default/payments'] },
    { ref: 'group:default/loop-a', parents: ['group:default/loop-b'] },
    { ref: 'group:default/loop-b', parents: ['group:default/loop-a'] },
  ],
  [],
);

function engine(roles: unknown[]) {
  return new RbacEngine(
    readRbacConfig(new ConfigReader({ gantry: { rbac: { roles } } } as any)),
    graph,
  );
}

const user = (name: string, ...groups: string[]) => ({
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [
    `user:default/${name}`,
    ...groups.map(g => `group:default/${g}`),
  ],
});

const developer = {
  name: 'developer',
  description: 'Developers',
  members: ['group:default/engineering'],
  templates: ['developer'],
  grants: [
    { permission: 'catalog.entity.read' },
    { permission: 'infra.request.create' },
    {
      permission: 'infra.request.*',
      actions: ['read'],
      condition: { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] },
    },
  ],
};
const approver = {
  name: 'approver',
  description: 'Approvers',
  members: ['group:default/payments'],
  grants: [
    { permission: 'infra.request.read', condition: { rule: 'IS_APPROVER' } },
  ],
};
const admin = {
  name: 'admin',
  description: 'Everything',
  members: ['user:default/ada'],
  templates: ['*'],
  grants: [{ permission: '*' }],
};

describe('RbacEngine', () => {
  it('denies what no grant matches, including permissions of plugins added later', () => {
    const rbac = engine([developer]);
    expect(rbac.decide(pluginFromLater, user('dev', 'cards'))).toEqual({
      result: AuthorizeResult.DENY,
      grantedBy: [],
      temporaryGrantIds: [],
    });
    expect(rbac.decide(create, user('vera')).result).toBe(AuthorizeResult.DENY);
    // the action filter: infra.request.* with actions [read] does not reach apply
    expect(rbac.decide(apply, user('dev', 'cards')).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('gives a role to members of child groups, to any depth, through cycles', () => {
    const rbac = engine([
      developer,
      { ...approver, name: 'loop', members: ['group:default/loop-a'] },
    ]);
    expect(rbac.decide(create, user('dev', 'cards'))).toEqual({
      result: AuthorizeResult.ALLOW,
      grantedBy: ['developer'],
      temporaryGrantIds: [],
    });
    expect(rbac.resolve(user('x', 'loop-b')).roles.map(r => r.name)).toEqual([
      'loop',
    ]);
  });

  it('fills claim params: requester is the user, owner goes down the groups, approver up', () => {
    const rbac = engine([developer, approver]);
    expect(rbac.decide(read, user('dev', 'payments'))).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'infra',
      resourceType: 'infra-request',
      grantedBy: ['developer', 'approver'],
      temporaryGrantIds: [],
      conditions: {
        anyOf: [
          {
            anyOf: [
              {
                rule: 'IS_REQUESTER',
                resourceType: 'infra-request',
                params: { claims: ['user:default/dev'] },
              },
              {
                rule: 'IS_OWNER',
                resourceType: 'infra-request',
                // a member of payments owns what cards owns
                params: {
                  claims: [
                    'user:default/dev',
                    'group:default/payments',
                    'group:default/cards',
                  ],
                },
              },
            ],
          },
          {
            rule: 'IS_APPROVER',
            resourceType: 'infra-request',
            // a member of payments is a member of engineering
            params: {
              claims: [
                'user:default/dev',
                'group:default/payments',
                'group:default/engineering',
              ],
            },
          },
        ],
      },
    });
  });

  it('lets a broader allow win over a narrower conditional grant', () => {
    const rbac = engine([developer, admin]);
    expect(
      rbac.decide(read, {
        ...user('ada', 'cards'),
        userEntityRef: 'user:default/ada',
      }),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
      grantedBy: ['admin'],
      temporaryGrantIds: [],
    });
  });

  it('asks a condition several roles grant only once', () => {
    const rbac = engine([approver, { ...approver, name: 'approver-too' }]);
    expect(rbac.decide(read, user('alan', 'payments'))).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      grantedBy: ['approver', 'approver-too'],
      temporaryGrantIds: [],
      conditions: { rule: 'IS_APPROVER' },
    });
  });

  it('lets params written in the grant win over the filled ones', () => {
    const rbac = engine([
      {
        name: 'auditor',
        description: 'Reads what team-x owns',
        members: ['user:default/vera'],
        grants: [
          {
            permission: 'infra.request.read',
            condition: {
              rule: 'IS_OWNER',
              params: { claims: ['group:default/team-x'] },
            },
          },
        ],
      },
    ]);
    expect(rbac.decide(read, user('vera'))).toMatchObject({
      conditions: { params: { claims: ['group:default/team-x'] } },
    });
  });

  it('never turns a conditional grant on a basic permission into an allow', () => {
    const rbac = engine([
      {
        name: 'odd',
        description: 'A condition on a permission without a resource',
        members: ['user:default/vera'],
        grants: [
          {
            permission: 'infra.request.create',
            condition: { rule: 'IS_OWNER' },
          },
        ],
      },
    ]);
    expect(rbac.decide(create, user('vera')).result).toBe(AuthorizeResult.DENY);
  });

  it('shows templates by tag and every other kind as granted', () => {
    const rbac = engine([developer, admin]);
    expect(rbac.decide(catalogRead, user('dev', 'cards'))).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      grantedBy: ['developer'],
      temporaryGrantIds: [],
      conditions: {
        anyOf: [
          {
            not: {
              rule: 'IS_ENTITY_KIND',
              resourceType: 'catalog-entity',
              params: { kinds: ['template'] },
            },
          },
          {
            rule: 'HAS_METADATA',
            resourceType: 'catalog-entity',
            params: { key: 'tags', value: 'developer' },
          },
        ],
      },
    });
    expect(rbac.decide(catalogRead, user('ada')).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('narrows a conditional catalog read by the template tags too', () => {
    const rbac = engine([
      {
        name: 'owner-reader',
        description: 'Reads only what they own, no templates',
        members: ['user:default/vera'],
        grants: [
          {
            permission: 'catalog.entity.read',
            condition: { rule: 'IS_ENTITY_OWNER' },
          },
        ],
      },
    ]);
    const decision = rbac.decide(catalogRead, user('vera'));
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        allOf: [
          {
            rule: 'IS_ENTITY_OWNER',
            params: { claims: ['user:default/vera'] },
          },
          { anyOf: [{ not: { rule: 'IS_ENTITY_KIND' } }] },
        ],
      },
    });
  });

  it('names the roles whose grants give a permission, allowed or conditional', () => {
    const rbac = engine([developer, approver, admin]);
    const names = (p: Parameters<typeof rbac.rolesGranting>[0]) =>
      rbac.rolesGranting(p).map(r => r.name);
    expect(names(create)).toEqual(['developer', 'admin']);
    expect(names(read)).toEqual(['developer', 'approver', 'admin']);
    // the action filter of infra.request.* keeps developer off apply
    expect(names(apply)).toEqual(['admin']);
    expect(names(pluginFromLater)).toEqual(['admin']);
    // a condition on a basic permission grants nothing
    const odd = engine([
      {
        name: 'odd',
        description: 'A condition on a permission without a resource',
        members: ['user:default/vera'],
        grants: [
          {
            permission: 'infra.request.create',
            condition: { rule: 'IS_OWNER' },
          },
        ],
      },
    ]);
    expect(odd.rolesGranting(create)).toEqual([]);
  });

  it('gives the conditions of a conditional decision as the config writes them', () => {
    const rbac = engine([developer, approver, admin]);
    expect(rbac.conditionsOf(read, user('dev', 'payments'))).toEqual([
      { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] },
      { rule: 'IS_APPROVER' },
    ]);
    expect(rbac.conditionsOf(create, user('dev', 'payments'))).toEqual([]);
    expect(rbac.conditionsOf(apply, user('dev', 'payments'))).toEqual([]);
    expect(rbac.conditionsOf(read, user('ada'))).toEqual([]);
  });

  it('gives the template tags as a condition where they narrow a catalog read', () => {
    const rbac = engine([developer]);
    const tagged = {
      anyOf: [
        { not: { rule: 'IS_ENTITY_KIND', params: { kinds: ['template'] } } },
        { rule: 'HAS_METADATA', params: { key: 'tags', value: 'developer' } },
      ],
    };
    expect(rbac.conditionsOf(catalogRead, user('dev', 'cards'))).toEqual([
      tagged,
    ]);
    const ownerReader = engine([
      {
        name: 'owner-reader',
        description: 'Reads only what they own, no templates',
        members: ['user:default/vera'],
        grants: [
          {
            permission: 'catalog.entity.read',
            condition: { rule: 'IS_ENTITY_OWNER' },
          },
        ],
      },
    ]);
    expect(ownerReader.conditionsOf(catalogRead, user('vera'))).toEqual([
      {
        allOf: [
          { rule: 'IS_ENTITY_OWNER' },
          {
            anyOf: [
              {
                not: {
                  rule: 'IS_ENTITY_KIND',
                  params: { kinds: ['template'] },
                },
              },
            ],
          },
        ],
      },
    ]);
  });
});
