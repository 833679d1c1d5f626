import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { auditPermissions } from '@internal/plugin-audit-common';
import { auditStoreServiceRef } from '@internal/plugin-audit-node';
import { scheduleRetention } from './service/retention';
import { createRouter } from './service/router';

/**
 * The audit trail's API under /api/audit, for admins: search, streamed export and the hash
 * chain's verification, plus the retention that prunes old entries.
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
      },
      async init(deps) {
        // Allow or deny only: no rule narrows the trail to an owner's entities yet.
        deps.permissionsRegistry.addPermissions(auditPermissions);

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
            store: deps.store,
          }),
        );
      },
    });
  },
});
