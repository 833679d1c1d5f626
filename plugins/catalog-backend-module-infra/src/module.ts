import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  INFRA_EVENTS_TOPIC,
  infraServiceRef,
} from '@internal/plugin-infra-node';
import { InfraEntityProvider } from './InfraEntityProvider';

const DEFAULT_REFRESH_SECONDS = 60;

/** Provides Gantry's provisioned infrastructure to the catalog as `Resource` entities. */
export const catalogModuleInfra = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'infra',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        infra: infraServiceRef,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsServiceRef,
      },
      async init({ catalog, infra, scheduler, config, logger, events }) {
        const provider = new InfraEntityProvider({
          infra,
          logger,
          appBaseUrl: config.getString('app.baseUrl'),
        });
        catalog.addEntityProvider(provider);

        const refresh = async () => {
          try {
            await provider.refresh();
          } catch (error) {
            logger.error(
              'Failed to refresh infra resources in the catalog',
              error instanceof Error ? error : { error: String(error) },
            );
          }
        };

        const seconds =
          config.getOptionalNumber('gantry.infra.catalogRefreshSeconds') ??
          DEFAULT_REFRESH_SECONDS;
        await scheduler.scheduleTask({
          id: 'gantry-infra-entity-provider',
          frequency: { seconds },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 5 },
          fn: refresh,
        });

        // The schedule is the safety net; events make a change show up within seconds.
        await events.subscribe({
          id: 'catalog-infra-provider',
          topics: [INFRA_EVENTS_TOPIC],
          onEvent: refresh,
        });
      },
    });
  },
});
