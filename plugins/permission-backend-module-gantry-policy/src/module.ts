import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { LiveRbac } from '@internal/plugin-rbac-node';
import { GantryPermissionPolicy } from './GantryPermissionPolicy';

/**
 * Installs {@link GantryPermissionPolicy} as the permission backend's policy, with the roles
 * of `gantry.rbac` reloaded on every config change and the catalog's groups refreshed.
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
      },
      async init({ policy, config, catalog, auth, logger, lifecycle }) {
        const roles = new LiveRbac({ config, catalog, auth, logger });
        policy.setPolicy(new GantryPermissionPolicy(roles));
        lifecycle.addStartupHook(() => roles.start());
        lifecycle.addShutdownHook(() => roles.stop());
      },
    });
  },
});
