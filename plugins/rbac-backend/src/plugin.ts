import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { rbacPermissions } from '@internal/plugin-rbac-common';
import { LiveRbac } from '@internal/plugin-rbac-node';
import { ConditionApplier } from './service/ConditionApplier';
import { PermissionCatalog } from './service/PermissionCatalog';
import { createRouter } from './service/router';

/**
 * The access page's backend under /api/rbac: roles and their members, every installed
 * plugin's permissions, a user's effective access, who can do what, and the matrix. It keeps
 * its own view of the roles in force, read as the permission policy reads them.
 */
export const rbacPlugin = createBackendPlugin({
  pluginId: 'rbac',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        discovery: coreServices.discovery,
        cache: coreServices.cache,
        instanceMetadata: coreServices.rootInstanceMetadata,
        events: eventsServiceRef,
      },
      async init(deps) {
        // A read-only view of the roles: no auditor, since the permission policy's instance
        // already records every reload and a second record of the same change would only
        // double the audit trail. It reads the temporary grants as the policy does, so the
        // page shows them (as `plugin:rbac`).
        const roles = new LiveRbac({
          config: deps.config,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          discovery: deps.discovery,
          events: deps.events,
        });
        deps.lifecycle.addStartupHook(() => roles.start());
        deps.lifecycle.addShutdownHook(() => roles.stop());

        deps.permissionsRegistry.addPermissions(rbacPermissions);

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            roles,
            catalog: new PermissionCatalog({
              auth: deps.auth,
              discovery: deps.discovery,
              cache: deps.cache,
              logger: deps.logger,
              instanceMetadata: deps.instanceMetadata,
            }),
            applier: new ConditionApplier({
              auth: deps.auth,
              discovery: deps.discovery,
            }),
          }),
        );
      },
    });
  },
});
