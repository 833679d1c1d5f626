import {
  BackendFeature,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { approvalsServiceRef } from '@internal/plugin-approvals-node';
import { Knex } from 'knex';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'node:http';
import { infraPlugin } from '../plugin';
import {
  ApprovalsFake,
  FAKE_TERRAFORM,
  MODULES_DIR,
  createApprovalsFake,
} from './fakes';
import {
  onBehalfOfAwareAuthServiceFactory,
  sampleRolesConfig,
  userEntity,
  userInfoServiceFactory,
} from '@internal/plugin-api-node/testUtils';
import {
  AuditStore,
  auditStoreServiceRef,
  DatabaseAuditStore,
  gantryAuditorServiceFactory,
} from '@internal/plugin-audit-node';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import permissionPlugin from '@backstage/plugin-permission-backend';
import gantryPolicyModule from '@internal/plugin-permission-backend-module-gantry-policy';

/** The sample org the tests act in: user name → groups. */
export const org: Record<string, string[]> = {
  dev: ['team-payments', 'developers'],
  linus: ['team-search', 'developers'],
  ada: ['platform-admins'],
  alan: ['approvers'],
  vera: [],
};

export const userRef = (name: string) => `user:default/${name}`;

/** A user's own token, as the browser sends it. */
export const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(userRef(name))}`;

/** What {@link startInfraBackend} hands a test. */
export type InfraTestBackend = {
  server: Server;
  stop: () => Promise<void>;
  approvals: ApprovalsFake;
  published: EventParams[];
  signals: { publish: jest.Mock };
  notifications: { send: jest.Mock };
  /** Delivers an event to the plugin's subscribers, as the events service would. */
  deliver: (event: EventParams) => Promise<void>;
};

/**
 * The infra plugin on a real database, the Terraform CLI test double, an in-memory
 * approvals service, a catalog holding the sample org, the real permission backend with the
 * Gantry policy and the roles of the repo's app-config.yaml (conditional decisions are
 * evaluated by the infra plugin's rules on its stored requests), and recording fakes for signals,
 * notifications and events. Gantry's auditor persists every event in the audit store it is given. Its job workers take queued plans and approved applies within
 * 50 ms.
 */
export async function startInfraBackend(
  knex: Knex,
  options: {
    workDir: string;
    people?: Record<string, string[]>;
    /** More features. */
    features?: BackendFeature[];
    /**
     * Where Gantry's auditor stores every event, and request timelines read them: a real
     * audit store, on a database of its own as in production.
     */
    auditStore: AuditStore;
  },
): Promise<InfraTestBackend> {
  chmodSync(FAKE_TERRAFORM, 0o755);
  const people = options.people ?? org;
  const approvals = createApprovalsFake();
  const published: EventParams[] = [];
  const subscribers: Array<{
    topics: string[];
    onEvent: (params: EventParams) => Promise<void>;
  }> = [];
  const events = {
    publish: jest.fn(async (params: EventParams) => {
      published.push(params);
    }),
    subscribe: jest.fn(
      async (subscriber: {
        topics: string[];
        onEvent: (params: EventParams) => Promise<void>;
      }) => {
        subscribers.push(subscriber);
      },
    ),
  };
  const signals = { publish: jest.fn(async () => {}) };
  const notifications = { send: jest.fn(async () => {}) };

  const backend = await startTestBackend({
    features: [
      infraPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...sampleRolesConfig(),
          infra: {
            terraform: { binary: FAKE_TERRAFORM, timeoutSeconds: 30 },
            workDir: options.workDir,
            modulesDir: MODULES_DIR,
            // Jobs are taken at once; the sweeper stays out of the way.
            jobs: { workers: 2, pollIntervalSeconds: 0.05 },
            sweeper: {
              frequency: { minutes: 60 },
              timeout: { minutes: 5 },
            },
          },
        },
      }),
      permissionPlugin,
      gantryPolicyModule,
      permissionsServiceFactory,
      onBehalfOfAwareAuthServiceFactory,
      catalogServiceMock.factory({
        entities: Object.entries(people).map(([name, groups]) =>
          userEntity(name, groups),
        ),
      }),
      userInfoServiceFactory(people),
      createServiceFactory({
        service: approvalsServiceRef,
        deps: {},
        factory: () => approvals.service,
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => signals,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => notifications,
      }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      gantryAuditorServiceFactory,
      createServiceFactory({
        service: auditStoreServiceRef,
        deps: {},
        factory: () => options.auditStore,
      }),
      ...(options.features ?? []),
    ],
  });

  return {
    server: backend.server,
    stop: () => backend.stop(),
    approvals,
    published,
    signals,
    notifications,
    async deliver(event) {
      for (const subscriber of subscribers) {
        if (subscriber.topics.includes(event.topic)) {
          await subscriber.onEvent(event);
        }
      }
    },
  };
}

/**
 * {@link startInfraBackend} on a fresh test database of `databaseId`, with the audit store on
 * a second one (as in production, a database of its own) and a work directory of its own,
 * which `backend.stop()` removes. For router tests that need nothing else.
 */
export async function startInfraBackendOn(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{
  knex: Knex;
  backend: InfraTestBackend;
  auditStore: DatabaseAuditStore;
}> {
  const knex = await databases.init(databaseId);
  const auditStore = await DatabaseAuditStore.create({
    knex: await databases.init(databaseId),
  });
  const workDir = mkdtempSync(join(tmpdir(), 'gantry-infra-'));
  const backend = await startInfraBackend(knex, { workDir, auditStore });
  return {
    knex,
    auditStore,
    backend: {
      ...backend,
      stop: async () => {
        await backend.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    },
  };
}
