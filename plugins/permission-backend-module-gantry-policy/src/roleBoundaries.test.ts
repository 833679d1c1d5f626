import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PermissionCriteria,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import { scaffolderPermissions } from '@backstage/plugin-scaffolder-common/alpha';
import { approvalsPermissions } from '@internal/plugin-approvals-common';
import { infraPermissions } from '@internal/plugin-infra-common';
import {
  rbacAccessReadPermission,
  rbacPermissions,
} from '@internal/plugin-rbac-common';
import { auditPermissions } from '@internal/plugin-audit-common';
import { sampleOrgEngine, sampleUser } from './__testUtils__/sampleOrg';

/** A permission of a plugin added after the roles were written. */
const laterPluginPermission = createPermission({
  name: 'costs.report.read',
  attributes: { action: 'read' },
});

const everyPermission: Permission[] = [
  ...catalogPermissions,
  ...scaffolderPermissions,
  ...approvalsPermissions,
  ...infraPermissions,
  ...rbacPermissions,
  ...auditPermissions,
  laterPluginPermission,
];

function rulesOf(criteria: PermissionCriteria<PermissionCondition>): string[] {
  if ('allOf' in criteria) return criteria.allOf.flatMap(rulesOf);
  if ('anyOf' in criteria) return criteria.anyOf.flatMap(rulesOf);
  if ('not' in criteria) return rulesOf(criteria.not).map(r => `not ${r}`);
  return [criteria.rule];
}

/** A decision as one word, or `if` and the rules of its condition. */
function summary(decision: ReturnType<typeof engine.decide>): string {
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return `if ${rulesOf(decision.conditions).join(', ')}`;
  }
  return decision.result === AuthorizeResult.ALLOW ? 'allow' : 'deny';
}

const engine = sampleOrgEngine();

function boundary(name: string): Record<string, string> {
  const user = sampleUser(engine, name);
  return Object.fromEntries(
    everyPermission.map(p => [p.name, summary(engine.decide(p, user))]),
  );
}

/** Everything not listed is denied. */
function only(granted: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    everyPermission.map(p => [p.name, granted[p.name] ?? 'deny']),
  );
}

const catalogReader = {
  'catalog.location.read': 'allow',
  // every kind but Template; a Template only with a tag the user's roles grant
  'catalog.entity.read': 'if not IS_ENTITY_KIND',
};

const developer = {
  ...catalogReader,
  'catalog.entity.read': 'if not IS_ENTITY_KIND, HAS_METADATA',
  'catalog.entity.refresh': 'if IS_ENTITY_OWNER',
  'catalog.entity.delete': 'if IS_ENTITY_OWNER',
  'scaffolder.task.create': 'allow',
  'scaffolder.template.parameter.read': 'allow',
  'scaffolder.template.step.read': 'allow',
  // only the actions of the developer templates
  'scaffolder.action.execute': 'if HAS_ACTION_ID, HAS_ACTION_ID, HAS_ACTION_ID',
  'scaffolder.task.read': 'if IS_TASK_OWNER',
  'scaffolder.task.cancel': 'if IS_TASK_OWNER',
  'infra.request.create': 'allow',
  'infra.request.read': 'if IS_REQUESTER, IS_OWNER',
  'infra.request.apply': 'if IS_REQUESTER',
  'infra.resource.destroy': 'if IS_OWNER',
  'approvals.request.read': 'if IS_REQUESTER',
  'approvals.request.cancel': 'if IS_REQUESTER',
  // the activity card of what they own; never the whole trail
  'audit.event.read': 'if IS_OWNER',
};

const approver = {
  ...catalogReader,
  'approvals.request.read': 'if IS_APPROVER, IS_REQUESTER',
  'approvals.request.decide': 'if IS_APPROVER',
  'infra.request.read': 'if IS_APPROVER',
};

describe('role boundaries of the sample org, for every permission of every plugin', () => {
  it('viewer (vera): reads the catalog without templates, nothing else', () => {
    expect(boundary('vera')).toEqual(only(catalogReader));
  });

  it.each(['dev', 'linus'])(
    'developer (%s): runs developer templates, own and group requests only, never approves or administers',
    name => {
      expect(boundary(name)).toEqual(only(developer));
    },
  );

  it.each(['alan', 'grace'])(
    'approver (%s): decides what is assigned to their groups, launches nothing',
    name => {
      expect(boundary(name)).toEqual(only(approver));
    },
  );

  it('admin (ada): everything, including permissions of plugins added later', () => {
    expect(boundary('ada')).toEqual(
      Object.fromEntries(everyPermission.map(p => [p.name, 'allow'])),
    );
  });

  it.each([rbacAccessReadPermission, ...auditPermissions])(
    'only admins may $name (the access page, the audit trail)',
    permission => {
      const allowed = ['vera', 'dev', 'linus', 'alan', 'grace', 'ada'].filter(
        name =>
          engine.decide(permission, sampleUser(engine, name)).result ===
          AuthorizeResult.ALLOW,
      );
      expect(allowed).toEqual(['ada']);
    },
  );

  it('someone in no role is denied everything', () => {
    const stranger = {
      userEntityRef: 'user:default/stranger',
      ownershipEntityRefs: ['user:default/stranger'],
    };
    for (const permission of everyPermission) {
      expect(engine.decide(permission, stranger).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });

  it("scopes a developer's conditions to their own refs and groups", () => {
    const user = sampleUser(engine, 'dev');
    const read = infraPermissions.find(p => p.name === 'infra.request.read')!;
    expect(engine.decide(read, user)).toMatchObject({
      pluginId: 'infra',
      conditions: {
        anyOf: [
          { rule: 'IS_REQUESTER', params: { claims: ['user:default/dev'] } },
          {
            rule: 'IS_OWNER',
            params: {
              claims: expect.arrayContaining([
                'group:default/team-payments',
                'group:default/developers',
              ]),
            },
          },
        ],
      },
    });
    const ownership = engine.resolve(user).ownershipRefs;
    expect(ownership).not.toContain('group:default/team-search');
  });
});
