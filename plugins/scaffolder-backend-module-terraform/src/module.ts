import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { createTerraformApplyAction } from './actions/terraformApply';
import { createTerraformOutputAction } from './actions/terraformOutput';
import { createInfraRequestSubmitAction } from './actions/infraRequestSubmit';

/** Adds the `infra:request:submit`, `terraform:apply` and `terraform:output` actions to the scaffolder. */
export const scaffolderModuleTerraform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'terraform',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        infra: infraServiceRef,
        auth: coreServices.auth,
      },
      async init({ scaffolder, infra, auth }) {
        scaffolder.addActions(
          createInfraRequestSubmitAction({ infra, auth }),
          createTerraformApplyAction({ infra, auth }),
          createTerraformOutputAction({ infra, auth }),
        );
      },
    });
  },
});
