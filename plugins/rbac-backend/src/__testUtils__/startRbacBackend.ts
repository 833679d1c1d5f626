import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  groupEntity,
  onBehalfOfAwareAuthServiceFactory,
  sampleOrgEntities,
  sampleRolesConfig,
  userEntity,
} from '@internal/plugin-api-node/testUtils';
import gantryPolicyModule from '@internal/plugin-permission-backend-module-gantry-policy';
import {
  sharedEventsServiceFactory,
  TemporaryGrantsFixture,
} from '@internal/plugin-rbac-node/testUtils';
import { Server } from 'node:http';
import { rbacPlugin } from '../plugin';
import { infraRequestsPlugin } from './infraRequestsPlugin';

export const userRef = (name: string) => `user:default/${name}`;

/** A user's own token, as the browser sends it. */
export const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(userRef(name))}`;

/**
 * The sample org of catalog/org.yaml, plus `mobile`, a group below `developers`, with mo in
 * it: a developer only through nesting.
 */
export function sampleCatalog() {
  const entities = sampleOrgEntities().map(e =>
    e.kind === 'Group'
      ? groupEntity(e.metadata.name, e.spec.parent)
      : userEntity(e.metadata.name, e.spec.memberOf ?? []),
  );
  return [
    ...entities,
    groupEntity('mobile', 'developers'),
    userEntity('mo', ['mobile']),
  ];
}

/** What {@link startRbacBackend} hands a test. */
export type RbacTestBackend = {
  server: Server;
  stop: () => Promise<void>;
  /** The infra test plugin's resource lookups, one per apply-conditions call. */
  getResources: jest.Mock;
};

/**
 * The rbac plugin with the real permission backend and Gantry policy, the repo's roles, the
 * sample org in the catalog, and the infra plugin's permission integration; with
 * `temporaryGrants`, also a stand-in for the plugin that serves temporary grants; with
 * `catalog`, that catalog instead of the sample org.
 */
export async function startRbacBackend(
  options: {
    temporaryGrants?: TemporaryGrantsFixture;
    catalog?: CatalogService;
  } = {},
): Promise<RbacTestBackend> {
  const infra = infraRequestsPlugin();
  const { catalog } = options;
  const grants = options.temporaryGrants
    ? [options.temporaryGrants.feature, sharedEventsServiceFactory()]
    : [];
  const backend = await startTestBackend({
    features: [
      rbacPlugin,
      permissionPlugin,
      gantryPolicyModule,
      infra.plugin,
      permissionsServiceFactory,
      onBehalfOfAwareAuthServiceFactory,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...sampleRolesConfig() },
      }),
      catalog
        ? createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => catalog,
          })
        : catalogServiceMock.factory({ entities: sampleCatalog() }),
      ...grants,
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    getResources: infra.getResources,
  };
}
