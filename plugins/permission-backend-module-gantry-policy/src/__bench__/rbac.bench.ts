/*
 * yarn bench:rbac — the roles engine at scale, with the real classes of @internal/plugin-rbac-node:
 *
 * 1. Policy load: 5,000 groups nested 4 deep, 20,000 users, 200 roles of ~10 grants each:
 *    readRbacConfig + new GroupGraph + new RbacEngine, loadGroupGraph from an in-memory
 *    catalog of the same 25,000 entities, and a reload (changed roles, same graph).
 * 2. Decisions for users in 50 roles through 3 levels of nested groups: cold (first decision
 *    of each of 1,000 users, group expansion included) and warm (one user, cached).
 * 3. The access page over the same org: a matrix page, the users of a role, the CSV of every
 *    user, the roles with their members, and who can do one permission.
 * 4. The infra request list at 100k requests on PostgreSQL, with the conditions the engine
 *    gives a developer for infra.request.read applied in SQL by DatabaseInfraStore.
 *
 * It prints numbers; it asserts nothing about speed, only that the decisions are the
 * expected ones and that the list shows as many rows as a SQL count.
 *
 *   BENCH_REQUESTS=20000 yarn bench:rbac   # fewer infra requests (default 100,000)
 *   BENCH_SAMPLES=50 yarn bench:rbac       # fewer list calls (default 200)
 *   BENCH_EXPLAIN=1 yarn bench:rbac        # also print PostgreSQL's plan of each first page
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  createConditionTransformer,
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  approvalsRequestCancelPermission,
  approvalsRequestReadPermission,
} from '@internal/plugin-approvals-common';
// The access page's functions are internal to the rbac backend; measured directly.
/* eslint-disable @backstage/no-forbidden-package-imports */
import {
  accessMatrix,
  accessMatrixCsv,
  matrixUsers,
} from '@internal/plugin-rbac-backend/src/service/accessMatrix';
import { ConditionApplier } from '@internal/plugin-rbac-backend/src/service/ConditionApplier';
import { roleViews } from '@internal/plugin-rbac-backend/src/service/roleViews';
import { whoCan } from '@internal/plugin-rbac-backend/src/service/whoCan';
/* eslint-enable @backstage/no-forbidden-package-imports */
import { PermissionInfo } from '@internal/plugin-rbac-common';
// The store is internal to the infra backend; the bench measures it directly, as its tests do.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { DatabaseInfraStore } from '@internal/plugin-infra-backend/src/database/DatabaseInfraStore';
import {
  INFRA_ENVIRONMENTS,
  INFRA_RESOURCE_KINDS,
  InfraRequest,
  infraRequestApplyPermission,
  infraRequestCreatePermission,
  infraRequestReadPermission,
  InfraRequestStatus,
  infraResourceDestroyPermission,
} from '@internal/plugin-infra-common';
import {
  infraRequestConditions,
  InfraRequestFilter,
  infraRequestPermissionRules,
} from '@internal/plugin-infra-node';
import {
  GroupGraph,
  loadGroupGraph,
  RbacEngine,
  RbacUser,
  readRbacConfig,
} from '@internal/plugin-rbac-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';

const TOP_GROUPS = 10; // level 1
const DEPARTMENTS = 40; // level 2, 4 per top group
const TEAMS = 200; // level 3, 5 per department
const SQUADS = 4750; // level 4, 23 or 24 per team: 5,000 groups in all
const USERS = 20_000;
const ROLES = 200;
const DECISIONS = 1_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const REQUESTERS = 5_000;
const OWNER_GROUPS = 500;
const LIST_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const CATALOG_BUDGET_MS = 60_000;

jest.setTimeout(30 * 60_000);

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return Math.floor((seed / 2 ** 31) * n);
};

const print = (...lines: string[]) =>
  process.stdout.write(`${lines.join('\n')}\n`);

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function stats(times: number[], digits = 3) {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(digits);
  return {
    p95: percentile(sorted, 95),
    text: `p50 ${f(percentile(sorted, 50))} ms, p95 ${f(
      percentile(sorted, 95),
    )} ms, max ${f(sorted[sorted.length - 1])} ms`,
  };
}

/** Runs `fn` `times` times; the first run (start-up, cold JIT) and the median of all. */
function timed<T>(
  times: number,
  fn: () => T,
): { first: string; median: string; result: T } {
  const runs: number[] = [];
  let result!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    result = fn();
    runs.push(performance.now() - t0);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    first: runs[0].toFixed(1),
    median: percentile(sorted, 50).toFixed(1),
    result,
  };
}

// ---------------------------------------------------------------------------------------
// The org: 10 top groups → 40 departments → 200 teams → 4,750 squads; 20,000 users.

const topRef = (t: number) => `group:default/org-${t}`;
const deptRef = (q: number) => `group:default/dept-${q}`;
const teamRef = (s: number) => `group:default/team-${s}`;
const squadRef = (n: number) => `group:default/squad-${n}`;
const userRef = (n: number) => `user:default/user-${n}`;

type Group = { ref: string; parent?: string; level: number };
const groups: Group[] = [];
for (let t = 0; t < TOP_GROUPS; t++) groups.push({ ref: topRef(t), level: 1 });
for (let q = 0; q < DEPARTMENTS; q++) {
  groups.push({ ref: deptRef(q), parent: topRef(Math.floor(q / 4)), level: 2 });
}
for (let s = 0; s < TEAMS; s++) {
  groups.push({
    ref: teamRef(s),
    parent: deptRef(Math.floor(s / 5)),
    level: 3,
  });
}
// Teams 0..149 get 24 squads, teams 150..199 get 23.
const squadParent: number[] = [];
for (let s = 0; s < TEAMS; s++) {
  for (let n = 0; n < (s < 150 ? 24 : 23); n++) squadParent.push(s);
}
squadParent.forEach((s, n) =>
  groups.push({ ref: squadRef(n), parent: teamRef(s), level: 4 }),
);

// Each user in 1-3 groups: mostly squads, one in twenty a team (a lead).
const userGroups: string[][] = [];
for (let u = 0; u < USERS; u++) {
  const mine = new Set<string>();
  const count = 1 + rand(3);
  while (mine.size < count) {
    mine.add(rand(20) === 0 ? teamRef(rand(TEAMS)) : squadRef(rand(SQUADS)));
  }
  userGroups.push([...mine]);
}

// ---------------------------------------------------------------------------------------
// 200 roles. Role i's groups: two top groups, a department and five teams, chosen so that
// everyone in a squad or team under one top group holds exactly 40 + 5 + 5 = 50 roles
// through its team, department and top group; plus two squads and five users at random.
// Grants: three by role class (infra, approvals, catalog, scaffolder, infra operator, or
// more of the others) and seven for other plugins, with patterns and allOf/anyOf/not.

type RawGrant = Record<string, unknown>;

function classGrants(i: number): RawGrant[] {
  const requesterOrOwner = {
    anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }],
  };
  switch (Math.floor(i / 10) % 10) {
    case 0:
      return [
        { permission: 'infra.request.create' },
        {
          permission: 'infra.request.*',
          actions: ['read'],
          decision: 'conditional',
          condition: requesterOrOwner,
        },
        {
          permission: 'infra.resource.destroy',
          decision: 'conditional',
          condition: {
            allOf: [
              { rule: 'IS_OWNER' },
              { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_APPROVER' }] },
            ],
          },
        },
      ];
    case 1:
      return [
        {
          permission: 'approvals.request.read',
          decision: 'conditional',
          condition: {
            anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_APPROVER' }],
          },
        },
        {
          permission: 'approvals.request.decide',
          decision: 'conditional',
          condition: { rule: 'IS_APPROVER' },
        },
        {
          permission: 'infra.request.*',
          actions: ['read'],
          decision: 'conditional',
          condition: { rule: 'IS_APPROVER' },
        },
      ];
    case 2:
      return [
        { permission: ['catalog.entity.read', 'catalog.entity.refresh'] },
        {
          permission: 'catalog.entity.*',
          actions: ['update', 'delete'],
          decision: 'conditional',
          condition: { rule: 'IS_ENTITY_OWNER' },
        },
        { permission: 'catalog.location.read' },
      ];
    case 3:
      return [
        { permission: 'scaffolder.task.create' },
        {
          permission: 'scaffolder.task.*',
          actions: ['read'],
          decision: 'conditional',
          condition: { rule: 'IS_TASK_OWNER' },
        },
        { permission: 'scaffolder.action.execute' },
      ];
    case 4:
      return [
        {
          permission: 'infra.request.*',
          actions: ['update'],
          decision: 'conditional',
          condition: {
            allOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }],
          },
        },
        { permission: 'infra.request.create' },
        {
          permission: 'infra.request.*',
          actions: ['read'],
          decision: 'conditional',
          condition: requesterOrOwner,
        },
      ];
    default:
      return [7, 8, 9].map(j => toolGrant(i, j));
  }
}

function toolGrant(i: number, j: number): RawGrant {
  const tool = `tool-${(i * 7 + j) % 40}`;
  switch (j % 3) {
    case 0:
      return { permission: `${tool}.*`, actions: ['read'] };
    case 1:
      return {
        permission: `${tool}.item.update`,
        decision: 'conditional',
        condition: {
          allOf: [{ rule: 'IS_OWNER' }, { not: { rule: 'IS_ARCHIVED' } }],
        },
      };
    default:
      return {
        permission: [`${tool}.item.create`, `${tool}.item.delete`],
        decision: 'conditional',
        condition: { anyOf: [{ rule: 'IS_OWNER' }, { rule: 'IS_REQUESTER' }] },
      };
  }
}

function rawRole(i: number) {
  const k = Math.floor(i / 10);
  const team = (offset: number) =>
    teamRef(5 * (4 * ((i + offset) % 10) + (k % 4)) + Math.floor(k / 4));
  const members = [
    topRef(i % 10),
    topRef((i + 5) % 10),
    deptRef(4 * ((i + 1) % 10) + (k % 4)),
    ...[2, 3, 4, 6, 7].map(team),
    squadRef(rand(SQUADS)),
    squadRef(rand(SQUADS)),
    ...Array.from({ length: 5 }, () => userRef(rand(USERS))),
  ];
  return {
    name: `role-${i}`,
    description: `Bench role ${i}`,
    members,
    templates: [`tag-${i % 20}`],
    grants: [
      ...classGrants(i),
      ...[0, 1, 2, 3, 4, 5, 6].map(j => toolGrant(i, j)),
    ],
  };
}

const rawRoles = Array.from({ length: ROLES }, (_, i) => rawRole(i));
const rolesConfig = (roles: object[]) =>
  new ConfigReader({
    gantry: { rbac: { roles, groupRefreshSeconds: 30 } },
  } as ConstructorParameters<typeof ConfigReader>[0]);

// Users with the plain shape: in one squad (or team, for leads), and no role of their own
// or of their squad, so their roles are the 50 of their team, department and top group.
const directRoleMembers = new Set(rawRoles.flatMap(r => r.members));
const levelOf = new Map(groups.map(g => [g.ref, g.level]));
const plainUsers = (level: number) =>
  userGroups
    .map((refs, u) => ({ u, refs }))
    .filter(
      ({ u, refs }) =>
        refs.length === 1 &&
        levelOf.get(refs[0]) === level &&
        (level !== 4 || !directRoleMembers.has(refs[0])) &&
        !directRoleMembers.has(userRef(u)),
    )
    .map(({ u }) => u);

/** A user as their sign-in presents them: their ref and direct groups. */
const signedIn = (u: number): RbacUser => ({
  userEntityRef: userRef(u),
  ownershipEntityRefs: [userRef(u), ...userGroups[u]],
});

function countRules(criteria: PermissionCriteria<unknown>): number {
  if (isAndCriteria(criteria)) {
    return criteria.allOf.reduce((n: number, c) => n + countRules(c), 0);
  }
  if (isOrCriteria(criteria)) {
    return criteria.anyOf.reduce((n: number, c) => n + countRules(c), 0);
  }
  if (isNotCriteria(criteria)) return countRules(criteria.not);
  return 1;
}

// The catalog's view of the same org, with relations both ways as the catalog stores them.
function catalogEntities(): Entity[] {
  const children = new Map<string, string[]>();
  const members = new Map<string, string[]>();
  for (const g of groups) {
    if (g.parent)
      children.set(g.parent, [...(children.get(g.parent) ?? []), g.ref]);
  }
  userGroups.forEach((refs, u) =>
    refs.forEach(ref =>
      members.set(ref, [...(members.get(ref) ?? []), userRef(u)]),
    ),
  );
  const name = (ref: string) => ref.split('/')[1];
  const groupEntities: Entity[] = groups.map(g => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: name(g.ref), namespace: 'default' },
    spec: {
      type: 'team',
      ...(g.parent ? { parent: name(g.parent) } : {}),
      children: (children.get(g.ref) ?? []).map(name),
    },
    relations: [
      ...(g.parent ? [{ type: RELATION_CHILD_OF, targetRef: g.parent }] : []),
      ...(children.get(g.ref) ?? []).map(targetRef => ({
        type: RELATION_PARENT_OF,
        targetRef,
      })),
      ...(members.get(g.ref) ?? []).map(targetRef => ({
        type: RELATION_HAS_MEMBER,
        targetRef,
      })),
    ],
  }));
  const userEntities: Entity[] = userGroups.map((refs, u) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: `user-${u}`, namespace: 'default' },
    spec: { memberOf: refs.map(name) },
    relations: refs.map(targetRef => ({
      type: RELATION_MEMBER_OF,
      targetRef,
    })),
  }));
  return [...groupEntities, ...userEntities];
}

describe('rbac benchmark', () => {
  if (!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    it('needs PostgreSQL', () => {
      // eslint-disable-next-line no-console
      console.warn('bench:rbac needs PostgreSQL at 127.0.0.1:5432; not run');
    });
    return;
  }
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('measures policy load, decisions and the infra request list', async () => {
    // ---------------------------------------------------------------- 1. policy load
    const load = loadavg()[0].toFixed(1);
    const groupNodes = groups.map(g => ({
      ref: g.ref,
      parents: g.parent ? [g.parent] : [],
    }));
    const userNodes = userGroups.map((refs, u) => ({
      ref: userRef(u),
      groups: refs,
    }));
    const config = rolesConfig(rawRoles);
    const read = timed(7, () => readRbacConfig(config));
    const graphBuild = timed(7, () => new GroupGraph(groupNodes, userNodes));
    const engineBuild = timed(
      7,
      () => new RbacEngine(read.result, graphBuild.result),
    );
    const total = timed(7, () => {
      const roles = readRbacConfig(config);
      return new RbacEngine(roles, new GroupGraph(groupNodes, userNodes));
    });
    const grants = read.result.roles.reduce((n, r) => n + r.grants.length, 0);
    const size = graphBuild.result.size;
    if (size.groups !== 5000 || size.users !== USERS) {
      throw new Error(`unexpected graph size ${JSON.stringify(size)}`);
    }

    // A reload: one role gains a grant, one is gone, one is new; the same graph.
    const changedRoles = [
      {
        ...rawRoles[0],
        grants: [...rawRoles[0].grants, { permission: 'tool-99.item.read' }],
      },
      ...rawRoles.slice(1, ROLES - 1),
      { ...rawRole(ROLES - 1), name: `role-${ROLES}` },
    ];
    const changedConfig = rolesConfig(changedRoles);
    const reload = timed(
      7,
      () => new RbacEngine(readRbacConfig(changedConfig), graphBuild.result),
    );

    print(
      '',
      `rbac bench (${
        cpus().length
      } CPUs, load average ${load} when it started)`,
      `1. Policy load: ${size.groups} groups 4 deep, ${size.users} users, ${read.result.roles.length} roles, ${grants} grants (first run / median of 7)`,
      `   readRbacConfig:                   ${read.first} / ${read.median} ms`,
      `   new GroupGraph:                   ${graphBuild.first} / ${graphBuild.median} ms`,
      `   new RbacEngine:                   ${engineBuild.first} / ${engineBuild.median} ms`,
      `   all three (start-up):             ${total.first} / ${total.median} ms`,
      `   reload (changed roles, same graph): ${reload.first} / ${reload.median} ms`,
    );

    const entities = catalogEntities();
    const catalog = catalogServiceMock({ entities });
    const deadline = performance.now() + CATALOG_BUDGET_MS;
    let pages = 0;
    // Stops between pages once over budget; the mock filters every entity for every page.
    const budgeted = new Proxy(catalog, {
      get(target, prop, receiver) {
        if (prop !== 'streamEntities')
          return Reflect.get(target, prop, receiver);
        return async function* stream(
          ...args: Parameters<typeof catalog.streamEntities>
        ) {
          for await (const page of target.streamEntities(...args)) {
            pages += 1;
            if (performance.now() > deadline) throw new Error('over budget');
            yield page;
          }
        };
      },
    });
    const t0 = performance.now();
    try {
      const loaded = await loadGroupGraph(budgeted, mockCredentials.service());
      const ms = performance.now() - t0;
      const loadedSize = loaded.size;
      if (
        loadedSize.groups !== size.groups ||
        loadedSize.users !== size.users ||
        loaded.ancestors(squadRef(0)).length !== 3
      ) {
        throw new Error(`loaded graph differs: ${JSON.stringify(loadedSize)}`);
      }
      print(
        `   loadGroupGraph (catalogServiceMock, ${
          entities.length
        } entities, ${pages} pages): ${ms.toFixed(0)} ms`,
      );
    } catch (error) {
      if (!String(error).includes('over budget')) throw error;
      print(
        `   loadGroupGraph (catalogServiceMock, ${
          entities.length
        } entities): skipped, over ${
          CATALOG_BUDGET_MS / 1000
        } s after ${pages} pages of 1000 (the mock filters every entity for each page)`,
      );
    }

    // ------------------------------------------------------------------ 2. decisions
    const kubernetesProxy = createPermission({
      name: 'kubernetes.proxy',
      attributes: {},
    });
    const { ALLOW, CONDITIONAL, DENY } = AuthorizeResult;
    const mix: Array<[Permission, AuthorizeResult]> = [
      [infraRequestCreatePermission, ALLOW],
      [infraRequestReadPermission, CONDITIONAL],
      [infraRequestApplyPermission, CONDITIONAL],
      [infraResourceDestroyPermission, CONDITIONAL],
      [approvalsRequestReadPermission, CONDITIONAL],
      [approvalsRequestCancelPermission, DENY],
      [catalogEntityReadPermission, CONDITIONAL], // templates by tag
      [catalogEntityRefreshPermission, ALLOW],
      [catalogEntityDeletePermission, CONDITIONAL],
      [taskCreatePermission, ALLOW],
      [taskReadPermission, CONDITIONAL],
      [catalogLocationCreatePermission, DENY],
      [kubernetesProxy, DENY],
    ];
    const squadUsers = plainUsers(4);
    const leads = plainUsers(3);
    if (squadUsers.length < DECISIONS + 1 || leads.length === 0) {
      throw new Error(
        `too few plain users: ${squadUsers.length}, ${leads.length}`,
      );
    }

    // Cold: the start-up engine, each of 1,000 users asking for the first time.
    const engine = total.result;
    const coldUsers = squadUsers.slice(1, DECISIONS + 1);
    const cold: number[] = [];
    coldUsers.forEach((u, k) => {
      const user = signedIn(u);
      const [permission, expected] = mix[k % mix.length];
      const t = performance.now();
      const decision = engine.decide(permission, user);
      cold.push(performance.now() - t);
      if (decision.result !== expected) {
        throw new Error(`${permission.name} for ${u}: ${decision.result}`);
      }
    });
    const roleCounts = new Set(
      coldUsers.map(u => engine.resolve(signedIn(u)).roles.length),
    );

    // Warm: one user, every decision cached after the first round.
    const developer = signedIn(squadUsers[0]);
    const resolved = engine.resolve(developer);
    for (const [permission, expected] of mix) {
      const decision = engine.decide(permission, developer);
      if (decision.result !== expected) {
        throw new Error(`${permission.name}: ${decision.result}`);
      }
    }
    const warm: number[] = [];
    for (let k = 0; k < DECISIONS; k++) {
      const t = performance.now();
      engine.decide(mix[k % mix.length][0], developer);
      warm.push(performance.now() - t);
    }
    const coldStats = stats(cold);
    const warmStats = stats(warm);
    const ok = (p95: number, target: number) =>
      p95 <= target ? 'ok' : 'OVER TARGET';
    print(
      `2. Decisions (${mix.length} permissions: basic and resource, allow/conditional/deny; target p95 <= 2 ms)`,
      `   ${developer.userEntityRef} in ${resolved.roles.length} roles via ${
        userGroups[squadUsers[0]][0]
      } -> team -> dept -> org (${
        resolved.memberRefs.length
      } member refs); the ${DECISIONS} cold users hold ${[...roleCounts].join(
        ', ',
      )} roles`,
      `   cold (first decision of ${DECISIONS} distinct users, group expansion included): ${
        coldStats.text
      } [${ok(coldStats.p95, 2)}]`,
      `   warm (same user, cached, ${DECISIONS} decisions):                                  ${
        warmStats.text
      } [${ok(warmStats.p95, 2)}]`,
    );
    if ([...roleCounts, resolved.roles.length].some(n => n !== 50)) {
      throw new Error(`expected 50 roles, got ${[...roleCounts]}`);
    }

    // ----------------------------------------------- 3. the access page at this scale
    // Each on a fresh engine (no cached users), as after a reload or a group refresh.
    const infos: PermissionInfo[] = mix.map(([p]) => ({
      name: p.name,
      pluginId: p.name.split('.')[0],
      type: p.type,
      ...(p.type === 'resource' ? { resourceType: p.resourceType } : {}),
      ...(p.attributes.action ? { action: p.attributes.action } : {}),
    }));
    const fresh = () => new RbacEngine(read.result, graphBuild.result);
    const allUsers = graphBuild.result.userRefs();
    const timedAsync = async <T>(fn: () => Promise<T>) => {
      const t = performance.now();
      const result = await fn();
      return { ms: (performance.now() - t).toFixed(1), result };
    };
    const matrixPage = await timedAsync(async () =>
      accessMatrix(fresh(), infos, await matrixUsers(fresh(), {}), {
        offset: 0,
        limit: 50,
      }),
    );
    const byRole = await timedAsync(() =>
      matrixUsers(fresh(), { role: rawRoles[0].name }),
    );
    // The longest the event loop waits between two slices of the CSV: what other requests
    // wait for meanwhile.
    let csvBytes = 0;
    let longestTurn = 0;
    const csv = await timedAsync(async () => {
      let last = performance.now();
      for await (const chunk of accessMatrixCsv(fresh(), infos, [
        ...allUsers,
      ])) {
        csvBytes += chunk.length;
        longestTurn = Math.max(longestTurn, performance.now() - last);
        last = performance.now();
      }
    });
    const views = await timedAsync(() => roleViews(fresh()));
    const noApplier = new ConditionApplier({
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
    });
    const whoStart = performance.now();
    const whoCanAnswer = await whoCan({
      engine: fresh(),
      applier: noApplier,
      permission: infos[0],
      all: false,
    });
    const whoMs = performance.now() - whoStart;
    if (
      matrixPage.result.rows.length !== 50 ||
      whoCanAnswer.users.length === 0
    ) {
      throw new Error('the access page answered nothing');
    }
    print(
      `3. The access page over ${allUsers.length} users and ${read.result.roles.length} roles, ${infos.length} permissions, each on a fresh engine`,
      `   matrix, first page of 50 users:          ${matrixPage.ms} ms`,
      `   matrix users of one role (${byRole.result.length}):        ${byRole.ms} ms`,
      `   CSV of every user (${(csvBytes / 1e6).toFixed(1)} MB, streamed):    ${
        csv.ms
      } ms, longest slice ${longestTurn.toFixed(1)} ms`,
      `   roles with members and counts:           ${views.ms} ms`,
      `   who can ${infos[0].name} (${
        whoCanAnswer.users.length
      } users): ${whoMs.toFixed(1)} ms`,
    );

    // ------------------------------------------------------- 4. infra request list
    const knex = await databases.init('POSTGRES_15');
    const store = await DatabaseInfraStore.create({
      database: mockServices.database({ knex }),
    });
    const lead = signedIn(leads[0]);
    // ~5,000 requesters (every fourth user) and 500 owner squads, with the developer and
    // the lead among the requesters and the developer's squad among the owners.
    const requesters = Array.from({ length: REQUESTERS }, (_, i) =>
      userRef(i * 4),
    );
    requesters[1] = developer.userEntityRef;
    requesters[2] = lead.userEntityRef;
    const owners = Array.from({ length: OWNER_GROUPS }, (_, i) =>
      squadRef(Math.floor((i * SQUADS) / OWNER_GROUPS)),
    );
    owners[1] = userGroups[squadUsers[0]][0];
    const approverGroups = Array.from({ length: 30 }, (_, i) => teamRef(i * 7));
    const statuses: InfraRequestStatus[] = [
      'applied',
      'applied',
      'applied',
      'applied',
      'awaiting_approval',
      'approved',
      'failed',
      'rejected',
      'expired',
      'cancelled',
      'superseded',
      'planning',
    ];
    const linked = new Set<InfraRequestStatus>([
      'applied',
      'awaiting_approval',
      'approved',
      'failed',
      'rejected',
      'expired',
    ]);

    // Batches of 2,000 rows, one array parameter per column.
    const insert = async (
      table: string,
      rows: Array<Record<string, string | Date | null>>,
    ) => {
      const columns = Object.keys(rows[0]);
      await knex.raw(
        `INSERT INTO ?? (${columns
          .map(() => '??')
          .join(', ')}) SELECT * FROM unnest(${columns
          .map(c => `?::${c.endsWith('_at') ? 'timestamptz' : 'text'}[]`)
          .join(', ')})`,
        [
          table,
          ...columns,
          ...columns.map(c => rows.map(r => r[c]) as Knex.Value),
        ],
      );
    };
    const seedStart = performance.now();
    const now = Date.now();
    const BATCH = 2000;
    for (let offset = 0; offset < REQUESTS; offset += BATCH) {
      const resources = [];
      const requests = [];
      const approvers = [];
      for (let i = offset; i < Math.min(REQUESTS, offset + BATCH); i++) {
        const id = randomUUID();
        const resourceId = randomUUID();
        const ownerRef = owners[rand(OWNER_GROUPS)];
        const kind = INFRA_RESOURCE_KINDS[rand(INFRA_RESOURCE_KINDS.length)];
        const environment = INFRA_ENVIRONMENTS[rand(INFRA_ENVIRONMENTS.length)];
        const status = statuses[rand(statuses.length)];
        const createdAt = new Date(
          now - (REQUESTS - i) * 60_000 - rand(30_000),
        );
        resources.push({
          id: resourceId,
          kind,
          name: `bench-${i}`,
          environment,
          owner_ref: ownerRef,
          status: status === 'applied' ? 'active' : 'destroyed',
          outputs: '{}',
          last_request_id: id,
          created_at: createdAt,
          updated_at: createdAt,
        });
        requests.push({
          id,
          operation: 'create',
          kind,
          resource_id: resourceId,
          resource_name: `bench-${i}`,
          environment,
          requester_ref: requesters[rand(REQUESTERS)],
          owner_ref: ownerRef,
          justification: `Bench request ${i}`,
          parameters: '{"versioning":true}',
          status,
          approval_id: linked.has(status) ? randomUUID() : null,
          plan_hash: status === 'planning' ? null : 'x'.repeat(64),
          created_at: createdAt,
          updated_at: createdAt,
        });
        if (linked.has(status)) {
          approvers.push({
            request_id: id,
            approver_ref: approverGroups[rand(approverGroups.length)],
          });
          if (rand(3) === 0) {
            approvers.push({
              request_id: id,
              approver_ref: userRef(rand(USERS)),
            });
          }
        }
      }
      await insert('infra_resources', resources);
      await insert('infra_requests', requests);
      await insert('infra_request_approvers', approvers);
    }
    await knex.raw('ANALYZE');
    const seedMs = performance.now() - seedStart;

    const transform = createConditionTransformer<
      InfraRequestFilter,
      PermissionRule<InfraRequest, InfraRequestFilter, string>[]
    >(Object.values(infraRequestPermissionRules));
    type Conditions = ReturnType<typeof transform>;

    // What a user may see, counted straight from the tables with their refs.
    const sqlCount = async (user: RbacUser) => {
      const { userRef: me, ownershipRefs, memberRefs } = engine.resolve(user);
      const [{ n }] = await knex('infra_requests')
        .where(q =>
          q
            .where('requester_ref', me)
            .orWhereIn('owner_ref', ownershipRefs)
            .orWhereIn(
              'id',
              knex('infra_request_approvers')
                .select('request_id')
                .whereIn('approver_ref', memberRefs),
            ),
        )
        .count({ n: '*' });
      return Number(n);
    };

    // Every page once, 100 at a time.
    const listAll = async (conditions: Conditions) => {
      let listed = 0;
      let cursor: string | undefined;
      do {
        const page = await store.listRequests({
          conditions,
          limit: 100,
          cursor,
        });
        listed += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return listed;
    };

    const explain = async (conditions: Conditions) => {
      const queries: Array<{ sql: string; bindings: unknown[] }> = [];
      const onQuery = (q: { sql: string; bindings: unknown[] }) =>
        queries.push(q);
      knex.on('query', onQuery);
      await store.listRequests({ conditions, limit: 20 });
      knex.off('query', onQuery);
      const plan = await knex.raw(
        `EXPLAIN (ANALYZE, BUFFERS) ${queries[0].sql.replace(/\$\d+/g, '?')}`,
        queries[0].bindings as Knex.RawBinding[],
      );
      print(
        ...plan.rows.map(
          (r: { 'QUERY PLAN': string }) => `     | ${r['QUERY PLAN']}`,
        ),
      );
    };

    const firstPages = async (conditions: Conditions, samples: number) => {
      const times: number[] = [];
      for (let s = 0; s < samples + 10; s++) {
        const t = performance.now();
        await store.listRequests({ conditions, limit: 20 });
        if (s >= 10) times.push(performance.now() - t);
      }
      return times;
    };

    // Filtered pages, following cursors up to 3 pages deep.
    const filteredPages = async (
      user: RbacUser,
      conditions: Conditions,
      samples: number,
    ) => {
      const filters = [
        { statuses: ['awaiting_approval', 'approved'] as InfraRequestStatus[] },
        { kind: 's3-bucket' as const },
        { requesterRef: user.userEntityRef },
        { statuses: ['applied'] as InfraRequestStatus[], kind: 'vpc' as const },
      ];
      const times: number[] = [];
      for (let f = 0; times.length < samples; f++) {
        let cursor: string | undefined;
        let depth = 0;
        do {
          const t = performance.now();
          const page = await store.listRequests({
            ...filters[f % filters.length],
            conditions,
            limit: 20,
            cursor,
          });
          times.push(performance.now() - t);
          cursor = page.nextCursor;
          depth += 1;
        } while (cursor && depth < 3 && times.length < samples);
      }
      return times;
    };

    const line = (label: string, times: number[]) => {
      const { p95, text } = stats(times, 1);
      return `     ${label.padEnd(44)} ${text} (${times.length} calls) [${
        p95 <= 20 ? 'ok' : 'OVER TARGET'
      }]`;
    };

    const measure = async (
      who: string,
      user: RbacUser,
      options: { samples: number; filtered: boolean },
    ) => {
      const decision = engine.decide(infraRequestReadPermission, user);
      if (decision.result !== CONDITIONAL) {
        throw new Error(`infra.request.read: ${decision.result}`);
      }
      const conditions = transform(decision.conditions);
      const { userRef: me, ownershipRefs, memberRefs } = engine.resolve(user);
      // The same refs as one condition, for comparison: what the decision would be if the
      // grants of the user's roles were merged.
      const merged = transform({
        anyOf: [
          infraRequestConditions.isRequester({ claims: [me] }),
          infraRequestConditions.isOwner({ claims: ownershipRefs }),
          infraRequestConditions.isApprover({ claims: memberRefs }),
        ],
      });

      const counted = await sqlCount(user);
      const listed = await listAll(conditions);
      const listedMerged = await listAll(merged);
      if (listed !== counted || listedMerged !== counted) {
        throw new Error(
          `${who} lists ${listed} (merged ${listedMerged}) requests, SQL counts ${counted}`,
        );
      }
      const shape = isOrCriteria(decision.conditions)
        ? `anyOf of ${decision.conditions.anyOf.length} grants, `
        : '';
      print(
        `   ${who} ${me}: ${ownershipRefs.length} ownership refs, ${memberRefs.length} member refs; sees ${listed} requests (SQL count ${counted})`,
        `     the engine's decision (${shape}${countRules(
          decision.conditions,
        )} rules):`,
        line('first page (20)', await firstPages(conditions, options.samples)),
      );
      if (options.filtered) {
        print(
          line(
            'filtered pages, cursors up to 3 deep',
            await filteredPages(user, conditions, options.samples),
          ),
        );
      }
      if (process.env.BENCH_EXPLAIN) await explain(conditions);
      print(
        `     the same refs as one anyOf(IS_REQUESTER, IS_OWNER, IS_APPROVER), for comparison:`,
        line('first page (20)', await firstPages(merged, options.samples)),
      );
      if (process.env.BENCH_EXPLAIN) await explain(merged);
    };

    const [{ approverRows }] = await knex('infra_request_approvers').count({
      approverRows: '*',
    });
    print(
      `4. Infra request list on PostgreSQL (target p95 <= 20 ms): ${REQUESTS} requests, ${REQUESTERS} requesters, ${OWNER_GROUPS} owner groups, ${approverRows} approver rows, seeded in ${(
        seedMs / 1000
      ).toFixed(1)} s`,
    );
    await measure('developer', developer, {
      samples: LIST_SAMPLES,
      filtered: true,
    });
    await measure('team lead', lead, {
      samples: Math.ceil(LIST_SAMPLES / 4),
      filtered: false,
    });
  });
});
