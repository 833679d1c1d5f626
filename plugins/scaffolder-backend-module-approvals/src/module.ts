import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { approvalsServiceRef } from '@internal/plugin-approvals-node';
import { createRequestApprovalAction } from './actions/requestApproval';

/** Adds the `gantry:approval:request` action to the scaffolder. */
export const scaffolderModuleApprovals = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'approvals',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        approvals: approvalsServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, approvals, auth, config }) {
        scaffolder.addActions(
          createRequestApprovalAction({ approvals, auth, config }),
        );
      },
    });
  },
});
