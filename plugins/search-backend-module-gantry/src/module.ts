import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { scheduleCatalogWarmup } from './catalogWarmup/scheduleCatalogWarmup';
import { approvalRequestSource } from './collators/approvalRequestSource';
import { infraRequestSource } from './collators/infraRequestSource';
import { PluginRecordsCollatorFactory } from './collators/PluginRecordsCollatorFactory';

const defaultSchedule: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 15 },
};

/**
 * Indexes Gantry's infrastructure and approval requests for search, each result filtered
 * by the reader's read permission on it, and indexes the catalog as soon as it has settled
 * after a start.
 */
export const searchModuleGantryCollators = createBackendModule({
  pluginId: 'search',
  moduleId: 'gantry-collators',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'search.collators.gantry.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : defaultSchedule;
        for (const factory of [
          new PluginRecordsCollatorFactory(
            { auth, discovery },
            infraRequestSource,
          ),
          new PluginRecordsCollatorFactory(
            { auth, discovery },
            approvalRequestSource,
          ),
        ]) {
          indexRegistry.addCollator({
            schedule: scheduler.createScheduledTaskRunner(schedule),
            factory,
          });
        }
        await scheduleCatalogWarmup({
          config,
          scheduler,
          auth,
          discovery,
          logger,
        });
      },
    });
  },
});
