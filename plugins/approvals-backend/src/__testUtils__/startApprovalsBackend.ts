import {
  groupEntity,
  onBehalfOfAwareAuthServiceFactory,
  sampleRolesConfig,
  userEntity,
  userInfoServiceFactory,
} from '@internal/plugin-api-node/testUtils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuditStore,
  auditStoreServiceRef,
  gantryAuditorServiceFactory,
} from '@internal/plugin-audit-node';
import gantryPolicyModule from '@internal/plugin-permission-backend-module-gantry-policy';
import { Server } from 'node:http';
import { Knex } from 'knex';
import { approvalsPlugin } from '../plugin';

/** The sample org the tests act in: user name → groups. */
export const org: Record<string, string[]> = {
  dev: ['team-payments', 'developers'],
  linus: ['team-search', 'developers'],
  alan: ['approvers'],
  grace: ['approvers', 'team-search'],
  ada: ['platform-admins'],
  vera: [],
  // in a group below approvers: an approver through nesting
  emil: ['approvers-emea'],
};

/** The groups of the sample org that sit below another: name → parent. */
const nestedGroups: Record<string, string> = { 'approvers-emea': 'approvers' };

export const userRef = (name: string) => `user:default/${name}`;

/** A user's own token, as the browser sends it. */
export const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(userRef(name))}`;

/** A plugin's token on a user's behalf, as the approvals-node client sends it. */
export const asPluginFor = (name: string, plugin = 'scaffolder') =>
  `Bearer ${mockCredentials.user.token(userRef(name), {
    actor: { subject: `plugin:${plugin}` },
  })}`;

/** A plugin's own service token. */
export const asPlugin = (plugin = 'infra') =>
  `Bearer ${mockCredentials.service.token({
    onBehalfOf: mockCredentials.service(`plugin:${plugin}`),
    targetPluginId: 'approvals',
  })}`;

const catalogEntitiesOf = (people: Record<string, string[]>) => [
  ...Object.entries(people).map(([name, groups]) => userEntity(name, groups)),
  ...Object.entries(nestedGroups).map(([name, parent]) =>
    groupEntity(name, parent),
  ),
];

/** What {@link startApprovalsBackend} hands a test. */
export type ApprovalsTestBackend = {
  server: Server;
  stop: () => Promise<void>;
  notifications: { send: jest.Mock };
  published: Array<{ topic: string; eventPayload: unknown }>;
};

/**
 * The approvals plugin on a real database, with the real permission backend and the Gantry
 * policy, a catalog holding the sample org, Gantry's auditor persisting every event in a
 * real audit store, and recording fakes for notifications and events.
 */
export async function startApprovalsBackend(
  knex: Knex,
  options: {
    people?: Record<string, string[]>;
    /** Where Gantry's auditor stores every event; a database of its own, as in production. */
    auditStore: AuditStore;
    /**
     * Whether the catalog answers 503 to the next call, as another plugin of a replica does
     * once the plugins have stopped during shutdown.
     */
    catalogDown?: () => Promise<boolean>;
  },
): Promise<ApprovalsTestBackend> {
  const people = options.people ?? org;
  const notifications = { send: jest.fn(async () => {}) };
  const published: Array<{ topic: string; eventPayload: unknown }> = [];
  const events = {
    publish: jest.fn(
      async (params: { topic: string; eventPayload: unknown }) => {
        published.push(params);
      },
    ),
    subscribe: jest.fn(async () => {}),
  };

  const catalog = catalogServiceMock({ entities: catalogEntitiesOf(people) });
  const { catalogDown } = options;
  const gatedCatalog = new Proxy(catalog, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (!catalogDown) return value.bind(target);
      return async (...args: unknown[]) => {
        if (await catalogDown()) {
          throw new ServiceUnavailableError('Service is shutting down');
        }
        return value.apply(target, args);
      };
    },
  }) as CatalogService;

  const backend = await startTestBackend({
    features: [
      approvalsPlugin,
      gantryAuditorServiceFactory,
      createServiceFactory({
        service: auditStoreServiceRef,
        deps: {},
        factory: () => options.auditStore,
      }),
      permissionPlugin,
      gantryPolicyModule,
      permissionsServiceFactory,
      onBehalfOfAwareAuthServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...sampleRolesConfig() },
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => gatedCatalog,
      }),
      userInfoServiceFactory(people),
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
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    notifications,
    published,
  };
}
