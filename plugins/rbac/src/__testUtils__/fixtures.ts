import {
  AccessMatrix,
  PermissionInfo,
  RoleView,
  UserAccess,
} from '@internal/plugin-rbac-common';

export const permissions: PermissionInfo[] = [
  {
    name: 'catalog.entity.read',
    pluginId: 'catalog',
    type: 'resource',
    resourceType: 'catalog-entity',
    action: 'read',
  },
  {
    name: 'infra.request.read',
    pluginId: 'infra',
    type: 'resource',
    resourceType: 'infra-request',
    action: 'read',
  },
  {
    name: 'scaffolder.task.create',
    pluginId: 'scaffolder',
    type: 'basic',
    action: 'create',
  },
];

export const roles: RoleView[] = [
  {
    name: 'developer',
    description: 'Runs the templates tagged developer.',
    templates: ['developer'],
    members: [
      {
        ref: 'group:default/developers',
        kind: 'group',
        users: ['user:default/dev', 'user:default/linus'],
      },
    ],
    userCount: 2,
    grants: [
      { permissions: ['scaffolder.task.create'], decision: 'allow' },
      {
        permissions: ['infra.request.read'],
        actions: ['read'],
        decision: 'conditional',
        condition: { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] },
      },
    ],
  },
  {
    name: 'viewer',
    description: 'Reads the catalog, nothing else.',
    templates: [],
    members: [
      { ref: 'user:default/vera', kind: 'user', users: ['user:default/vera'] },
    ],
    userCount: 1,
    grants: [{ permissions: ['catalog.entity.read'], decision: 'allow' }],
  },
];

export const devAccess: UserAccess = {
  userRef: 'user:default/dev',
  roles: ['developer'],
  temporaryRoles: [],
  temporaryGrants: [],
  memberOf: ['group:default/developers', 'group:default/engineering'],
  permissions: [
    { permission: permissions[0], result: 'DENY', grantedBy: [] },
    {
      permission: permissions[1],
      result: 'CONDITIONAL',
      grantedBy: ['developer'],
      conditions: [{ rule: 'IS_OWNER' }],
    },
    { permission: permissions[2], result: 'ALLOW', grantedBy: ['developer'] },
  ],
};

/** dev with `admin` for a while through an access request, and the approvers group. */
export const devAccessWithGrants: UserAccess = {
  ...devAccess,
  roles: ['admin', 'approver', 'developer'],
  temporaryRoles: ['admin', 'approver'],
  temporaryGrants: [
    {
      id: 'grant-1',
      target: { kind: 'role', role: 'admin' },
      expiresAt: '2026-11-29T16:00:00.000Z',
      roles: ['admin'],
    },
    {
      id: 'grant-2',
      target: { kind: 'group', group: 'group:default/approvers' },
      expiresAt: '2026-11-30T09:30:00.000Z',
      roles: ['approver'],
    },
  ],
  permissions: [
    {
      permission: permissions[0],
      result: 'ALLOW',
      grantedBy: ['admin'],
      temporaryGrantIds: ['grant-1'],
    },
    ...devAccess.permissions.slice(1),
  ],
};

export const matrix: AccessMatrix = {
  permissions: [permissions[0], permissions[2]],
  rows: [
    {
      userRef: 'user:default/dev',
      roles: ['developer'],
      cells: {
        'catalog.entity.read': { result: 'DENY', grantedBy: [] },
        'scaffolder.task.create': { result: 'ALLOW', grantedBy: ['developer'] },
      },
    },
    {
      userRef: 'user:default/vera',
      roles: ['viewer'],
      cells: {
        'catalog.entity.read': { result: 'ALLOW', grantedBy: ['viewer'] },
        'scaffolder.task.create': { result: 'DENY', grantedBy: [] },
      },
    },
  ],
  totalUsers: 60,
  nextOffset: 25,
};
