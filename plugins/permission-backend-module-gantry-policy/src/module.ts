import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { LiveRbac } from '@internal/plugin-rbac-node';
import { GantryPermissionPolicy } from './GantryPermissionPolicy';

/**
 * Installs {@link GantryPermissionPolicy} as the permission backend's policy, with the roles
 * of `gantry.rbac` reloaded on every config change, the catalog's groups refreshed, and the
 * temporary grants of the access-requests plugin read at start, every 30 s and on each of its
 * events.
 */
export const permissionModuleGantryPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'gantry-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
      },
      async init({
        policy,
        config,
        catalog,
        auth,
        logger,
        lifecycle,
        auditor,
        discovery,
        events,
      }) {
        // This instance is the one that enforces the roles, so it is the one that audits
        // their reloads; the rbac backend's read-only view does not record them again.
        const roles = new LiveRbac({
          config,
          catalog,
          auth,
          logger,
          auditor,
          discovery,
          events,
        });
        policy.setPolicy(
          new GantryPermissionPolicy(roles, { auditor, logger }),
        );
        lifecycle.addStartupHook(() => roles.start());
        lifecycle.addShutdownHook(() => roles.stop());
      },
    });
  },
});
