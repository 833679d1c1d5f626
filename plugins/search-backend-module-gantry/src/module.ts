import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  searchEngineRegistryExtensionPoint,
  searchIndexRegistryExtensionPoint,
} from '@backstage/plugin-search-backend-node/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scheduleCatalogWarmup } from './catalogWarmup/scheduleCatalogWarmup';
import { approvalRequestSource } from './collators/approvalRequestSource';
import { infraRequestSource } from './collators/infraRequestSource';
import { PluginRecordsCollatorFactory } from './collators/PluginRecordsCollatorFactory';
import { LunrSearchEngineForEmptyTypes } from './engine/LunrSearchEngineForEmptyTypes';
import { reindexOnEvents } from './reindex/reindexOnEvents';

const defaultSchedule: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 15 },
};

/**
 * Indexes Gantry's infrastructure and approval requests for search, each result filtered
 * by the reader's read permission on it, again within seconds of an approval or infra event,
 * and indexes the catalog as soon as it has settled after a start. On SQLite, it also sets
 * the Lunr engine that answers a type with no documents yet with no results, not an error.
 */
export const searchModuleGantryCollators = createBackendModule({
  pluginId: 'search',
  moduleId: 'gantry-collators',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
        engineRegistry: searchEngineRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        database,
        discovery,
        events,
        logger,
        scheduler,
        indexRegistry,
        engineRegistry,
      }) {
        // On PostgreSQL the pg module's engine answers an empty type with no results; the
        // Lunr engine of the embedded default needs telling.
        const client = (await database.getClient()).client.config.client;
        if (client !== 'pg') {
          engineRegistry.setSearchEngine(
            new LunrSearchEngineForEmptyTypes({ logger }),
          );
        }

        const scheduleConfig = config.getOptionalConfig(
          'search.collators.gantry.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : defaultSchedule;
        const factories = [
          new PluginRecordsCollatorFactory(
            { auth, discovery },
            infraRequestSource,
          ),
          new PluginRecordsCollatorFactory(
            { auth, discovery },
            approvalRequestSource,
          ),
        ];
        for (const factory of factories) {
          indexRegistry.addCollator({
            schedule: scheduler.createScheduledTaskRunner(schedule),
            factory,
          });
        }
        await reindexOnEvents({
          events,
          scheduler,
          logger,
          types: factories.map(factory => factory.type),
        });
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
