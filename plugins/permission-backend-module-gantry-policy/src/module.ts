import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { GantryPermissionPolicy } from './GantryPermissionPolicy';

const DEFAULT_ADMINS = ['group:default/platform-admins'];

/** Installs {@link GantryPermissionPolicy} as the permission backend's policy. */
export const permissionModuleGantryPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'gantry-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new GantryPermissionPolicy({
            adminRefs:
              config.getOptionalStringArray('gantry.permissions.admins') ??
              DEFAULT_ADMINS,
          }),
        );
      },
    });
  },
});
