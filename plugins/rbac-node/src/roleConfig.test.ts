import { ConfigReader } from '@backstage/config';
import { readRbacConfig } from './roleConfig';

const read = (rbac: unknown) =>
  readRbacConfig(new ConfigReader({ gantry: { rbac } } as any));

describe('readRbacConfig', () => {
  it('reads roles, with one permission or a list, and infers the decision', () => {
    const config = read({
      roles: [
        {
          name: 'developer',
          description: 'Developers',
          members: ['group:default/developers'],
          templates: ['developer'],
          grants: [
            { permission: 'catalog.entity.read' },
            {
              permission: ['infra.request.read', 'infra.request.apply'],
              condition: {
                anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }],
              },
            },
          ],
        },
      ],
    });
    expect(config.groupRefreshSeconds).toBe(30);
    expect(config.roles[0].grants).toEqual([
      { permissions: ['catalog.entity.read'], decision: 'allow' },
      {
        permissions: ['infra.request.read', 'infra.request.apply'],
        decision: 'conditional',
        condition: { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] },
      },
    ]);
  });

  it('treats a missing block as no roles, so everything is denied', () => {
    expect(read(undefined).roles).toEqual([]);
  });

  it.each([
    [
      'a member that is not a full ref',
      { roles: [{ name: 'x', description: 'x', members: ['developers'] }] },
      'gantry.rbac.roles.0.members.0: a member is a full user or group ref',
    ],
    [
      'a conditional grant without a condition',
      {
        roles: [
          {
            name: 'x',
            description: 'x',
            grants: [
              { permission: 'infra.request.read', decision: 'conditional' },
            ],
          },
        ],
      },
      'a conditional grant needs a condition',
    ],
    [
      'a misspelt condition',
      {
        roles: [
          {
            name: 'x',
            description: 'x',
            grants: [
              {
                permission: 'infra.request.read',
                condition: { rul: 'IS_OWNER' },
              },
            ],
          },
        ],
      },
      'gantry.rbac.roles.0.grants.0.condition',
    ],
    [
      'a bad permission pattern',
      {
        roles: [
          {
            name: 'x',
            description: 'x',
            grants: [{ permission: 'infra.*.read' }],
          },
        ],
      },
      'a permission is a name like catalog.entity.read',
    ],
    [
      'a role defined twice',
      {
        roles: [
          { name: 'x', description: 'x' },
          { name: 'x', description: 'y' },
        ],
      },
      'role x is defined twice',
    ],
    ['an unknown key', { roles: [], extra: true }, 'gantry.rbac.'],
  ])('refuses %s with a message naming the place', (_name, rbac, message) => {
    expect(() => read(rbac)).toThrow(message);
  });
});
