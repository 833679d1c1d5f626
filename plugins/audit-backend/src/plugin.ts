import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { auditPermissions } from '@internal/plugin-audit-common';
import { auditStoreServiceRef } from '@internal/plugin-audit-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { loadAuditTargets } from './service/auditTargets';
import {
  auditTargetPermissionRules,
  auditTargetResourceRef,
} from './service/permissionRules';
import { scheduleRetention } from './service/retention';
import { createRouter } from './service/router';

/**
 * The audit trail's API under /api/audit: for admins, search, streamed export and the hash
 * chain's verification; for an entity's owners, its activity. Plus the retention that
 * prunes old entries.
 */
export const auditPlugin = createBackendPlugin({
  pluginId: 'audit',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        store: auditStoreServiceRef,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        // The resource is a target (an entity); an owner may read the entries about it.
        deps.permissionsRegistry.addResourceType({
          resourceRef: auditTargetResourceRef,
          permissions: auditPermissions,
          rules: auditTargetPermissionRules,
          getResources: async refs =>
            loadAuditTargets(
              deps.catalog,
              refs,
              await deps.auth.getOwnServiceCredentials(),
            ),
        });

        await scheduleRetention({
          scheduler: deps.scheduler,
          config: deps.config,
          logger: deps.logger,
          auditor: deps.auditor,
          store: deps.store,
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger: deps.logger,
            store: deps.store,
          }),
        );
      },
    });
  },
});
