import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createKitGenerateAction } from './actions/kitGenerate';
import { createKitWriteLocalAction } from './actions/kitWriteLocal';
import { readGantryKitOptions } from './config';

/** Adds the `gantry:kit:generate` and `gantry:kit:write-local` actions to the scaffolder. */
export const scaffolderModuleGantryKit = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gantry-kit',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        rootInstanceMetadata: coreServices.rootInstanceMetadata,
      },
      async init({ scaffolder, config, rootInstanceMetadata }) {
        const kit = readGantryKitOptions(config);
        scaffolder.addActions(
          createKitGenerateAction({ kit, rootInstanceMetadata }),
          createKitWriteLocalAction({ kit }),
        );
      },
    });
  },
});
