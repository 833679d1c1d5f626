import {
  SchedulerServiceTaskInvocationDefinition,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  EventParams,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ACCESS_REQUEST_RESOURCE_TYPE,
  ACCESS_REQUEST_RULES,
  accessRequestApprovalKind,
} from '@internal/plugin-access-requests-common';
import { userEntity } from '@internal/plugin-api-node/testUtils';
import { ApprovalStatus } from '@internal/plugin-approvals-common';
import {
  APPROVALS_EVENTS_TOPIC,
  approvalsServiceRef,
} from '@internal/plugin-approvals-node';
import { TEMPORARY_GRANTS_EVENTS_TOPIC } from '@internal/plugin-rbac-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { accessRequestsPlugin } from '../plugin';
import { fakeApprovals } from './fakeApprovals';

export const userRef = (name: string) => `user:default/${name}`;

/** A user's own token, as the browser sends it. */
export const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(userRef(name))}`;

/** A plugin's own service token, calling the access-requests plugin. */
export const asPlugin = (pluginId: string) =>
  `Bearer ${mockCredentials.service.token({
    onBehalfOf: mockCredentials.service(`plugin:${pluginId}`),
    targetPluginId: 'access-requests',
  })}`;

/** The targets of the tests, as app-config.yaml writes its samples. */
export const testConfig = {
  accessRequests: {
    targets: [
      {
        role: 'admin',
        approvers: ['group:default/platform-admins'],
        durations: ['1h', '4h'],
      },
      {
        group: 'group:default/approvers',
        title: 'Approver',
        approvers: ['group:default/platform-admins', 'user:default/grace'],
        durations: ['20s', '1h'],
      },
    ],
  },
};

/**
 * A decision of the test's permission policy: `requester` is the conditional decision the
 * roles config gives with `{ rule: IS_REQUESTER }`, filled in for the caller.
 */
export type TestDecision = 'allow' | 'deny' | 'requester';

/**
 * The default test policy, like the sample roles: ada (admin) may do everything; others may
 * ask, and read and cancel their own requests.
 */
export const rolesLikePolicy = (permission: string, user: string) => {
  if (user === userRef('ada')) return 'allow';
  if (permission === 'access-requests.request.create') return 'allow';
  if (
    permission === 'access-requests.request.read' ||
    permission === 'access-requests.request.cancel'
  ) {
    return 'requester';
  }
  return 'deny';
};

/** What {@link startAccessRequestsBackend} hands a test. */
export type AccessRequestsTestBackend = {
  server: Server;
  stop: () => Promise<void>;
  approvals: ReturnType<typeof fakeApprovals>;
  audit: Array<{ eventId: string; outcome: string; meta?: unknown }>;
  /** Everything published on the temporary-grants topic. */
  grantEvents: EventParams[];
  /** Runs a scheduled task once, as the scheduler would. */
  runTask(id: string): Promise<void>;
  /** Decides an approval and announces it the way the approvals backend does. */
  decide(
    approvalId: string,
    status: ApprovalStatus,
    by?: string,
    comment?: string,
  ): Promise<void>;
};

/**
 * The access-requests plugin on a real database, with a permission policy that answers
 * conditional decisions as the Gantry policy does, the fake approvals service, a catalog
 * holding the sample people, real events (recorded) and a scheduler whose tasks the test
 * runs.
 */
export async function startAccessRequestsBackend(
  knex: Knex,
  options: {
    policy?: (permission: string, user: string) => TestDecision;
    config?: JsonObject;
  } = {},
): Promise<AccessRequestsTestBackend> {
  const policy = options.policy ?? rolesLikePolicy;
  const approvals = fakeApprovals();
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
    useEventBus: 'never',
  });
  const grantEvents: EventParams[] = [];
  await events.subscribe({
    id: 'test-temporary-grants',
    topics: [TEMPORARY_GRANTS_EVENTS_TOPIC],
    async onEvent(event) {
      grantEvents.push(event);
    },
  });
  const audit: Array<{ eventId: string; outcome: string; meta?: unknown }> = [];
  const auditor = mockServices.auditor.mock({
    async createEvent({ eventId, meta }) {
      return {
        async success(opts) {
          audit.push({
            eventId,
            outcome: 'succeeded',
            meta: { ...meta, ...opts?.meta },
          });
        },
        async fail() {
          audit.push({ eventId, outcome: 'failed', meta });
        },
      };
    },
  });
  const decide = (permission: string, credentials: unknown) => {
    const principal = (credentials as { principal: { userEntityRef?: string } })
      .principal;
    return policy(permission, principal.userEntityRef ?? '');
  };
  const permissions = mockServices.permissions.mock({
    async authorize(requests, { credentials }) {
      return requests.map(r => ({
        result:
          decide(r.permission.name, credentials) === 'allow'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests, { credentials }) {
      const user = (credentials as { principal: { userEntityRef: string } })
        .principal.userEntityRef;
      return requests.map(r => {
        const decision = decide(r.permission.name, credentials);
        if (decision === 'requester' && isResourcePermission(r.permission)) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'access-requests',
            resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
            conditions: {
              rule: ACCESS_REQUEST_RULES.IS_REQUESTER,
              resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
              params: { claims: [user] },
            },
          };
        }
        return {
          result:
            decision === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
  });
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
  });
  const backend = await startTestBackend({
    features: [
      accessRequestsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? testConfig }),
      permissions.factory,
      auditor.factory,
      scheduler.factory,
      catalogServiceMock.factory({
        entities: [
          {
            ...userEntity('dev', ['developers']),
            spec: {
              memberOf: ['developers'],
              profile: { displayName: 'Dana Developer' },
            },
          },
          userEntity('linus', ['developers']),
        ],
      }),
      createServiceFactory({
        service: approvalsServiceRef,
        deps: {},
        factory: () => approvals.service,
      }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
    ],
  });

  return {
    server: backend.server,
    stop: () => backend.stop(),
    approvals,
    audit,
    grantEvents,
    async runTask(id: string) {
      const task = tasks.get(id);
      if (!task) throw new Error(`No task ${id}`);
      await task.fn(new AbortController().signal as any);
    },
    async decide(approvalId, status, by = userRef('ada'), comment) {
      approvals.decide(approvalId, status, by, comment);
      await events.publish({
        topic: APPROVALS_EVENTS_TOPIC,
        eventPayload: {
          requestId: approvalId,
          kind: accessRequestApprovalKind,
          status,
          payloadHash: '',
        },
      });
    },
  };
}
