import { userEntity } from '@internal/plugin-api-node/testUtils';
import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
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
};

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
export const asPlugin = () =>
  `Bearer ${mockCredentials.service.token({
    onBehalfOf: mockCredentials.service('plugin:infra'),
    targetPluginId: 'approvals',
  })}`;

const catalogEntitiesOf = (people: Record<string, string[]>) =>
  Object.entries(people).map(([name, groups]) => userEntity(name, groups));

// Like mockServices.auth, but a plugin's token on a user's behalf carries the plugin as the
// actor, as the real auth service's tokens do. The permission backend relies on that.
const onBehalfOfAwareAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const base = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: base.authenticate.bind(base),
      isPrincipal: base.isPrincipal.bind(base) as AuthService['isPrincipal'],
      getNoneCredentials: base.getNoneCredentials.bind(base),
      getOwnServiceCredentials: base.getOwnServiceCredentials.bind(base),
      getLimitedUserToken: base.getLimitedUserToken.bind(base),
      listPublicServiceKeys: base.listPublicServiceKeys.bind(base),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && principal.userEntityRef) {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          };
        }
        return base.getPluginRequestToken(options);
      },
    };
  },
});

/**
 * The approvals plugin on a real database, with the real permission backend and the Gantry
 * policy, a catalog holding the sample org, and recording fakes for notifications and events.
 */
/** What {@link startApprovalsBackend} hands a test. */
export type ApprovalsTestBackend = {
  server: Server;
  stop: () => Promise<void>;
  notifications: { send: jest.Mock };
  published: Array<{ topic: string; eventPayload: unknown }>;
};

export async function startApprovalsBackend(
  knex: Knex,
  options: { people?: Record<string, string[]> } = {},
): Promise<ApprovalsTestBackend> {
  const people = options.people ?? org;
  const claimsOf = (name: string) => [
    userRef(name),
    ...(people[name] ?? []).map(group => `group:default/${group}`),
  ];
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

  const backend = await startTestBackend({
    features: [
      approvalsPlugin,
      permissionPlugin,
      gantryPolicyModule,
      permissionsServiceFactory,
      onBehalfOfAwareAuthFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
      catalogServiceMock.factory({ entities: catalogEntitiesOf(people) }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            const name = ref.split('/')[1];
            return { userEntityRef: ref, ownershipEntityRefs: claimsOf(name) };
          },
        }),
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
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    notifications,
    published,
  };
}
