import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  groupEntity,
  onBehalfOfAwareAuthServiceFactory,
  sampleOrgEntities,
  sampleRolesConfig,
  userEntity,
} from '@internal/plugin-api-node/testUtils';
import {
  auditStoreServiceRef,
  DatabaseAuditStore,
  gantryAuditorServiceFactory,
} from '@internal/plugin-audit-node';
import gantryPolicyModule from '@internal/plugin-permission-backend-module-gantry-policy';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { auditPlugin } from '../plugin';

export const userRef = (name: string) => `user:default/${name}`;

/** A user's own token, as the browser sends it. */
export const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(userRef(name))}`;

/** A component owned by a group, with the relation the catalog would derive. */
function ownedComponent(name: string, group: string): Entity {
  const owner = `group:default/${group}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: RELATION_OWNED_BY, targetRef: owner }],
  };
}

/** What {@link startAuditBackend} hands a test. */
export type AuditTestBackend = {
  server: Server;
  stop: () => Promise<void>;
  /** The real store on the test database, as the backend uses it. */
  store: DatabaseAuditStore;
  /** Runs a scheduled task now, as the scheduler would. */
  triggerTask: (id: string) => Promise<void>;
};

/**
 * The audit plugin on a real database, with the real permission backend, the Gantry policy
 * and the repo's roles, the sample org and two components (`payments` owned by
 * team-payments, `search` by team-search) in the catalog, and Gantry's auditor, which persists
 * every event (the plugin's own reads and denials too) into the same store.
 */
export async function startAuditBackend(
  knex: Knex,
  options: { retentionDays?: number } = {},
): Promise<AuditTestBackend> {
  const store = await DatabaseAuditStore.create({ knex });
  const scheduler = mockServices.scheduler();
  const roles = sampleRolesConfig() as { gantry: object };
  const backend = await startTestBackend({
    features: [
      auditPlugin,
      permissionPlugin,
      gantryPolicyModule,
      permissionsServiceFactory,
      onBehalfOfAwareAuthServiceFactory,
      gantryAuditorServiceFactory,
      createServiceFactory({
        service: auditStoreServiceRef,
        deps: {},
        factory: () => store,
      }),
      // One scheduler the test holds, which runs a task only when the test triggers it.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          gantry: {
            ...roles.gantry,
            audit: { retentionDays: options.retentionDays ?? 30 },
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          ...sampleOrgEntities().map(e =>
            e.kind === 'Group'
              ? groupEntity(e.metadata.name, e.spec.parent)
              : userEntity(e.metadata.name, e.spec.memberOf ?? []),
          ),
          ownedComponent('payments', 'team-payments'),
          ownedComponent('search', 'team-search'),
        ],
      }),
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    store,
    triggerTask: id => scheduler.triggerTask(id),
  };
}
