import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  INFRA_CATALOG_SYNC_ERROR_MAX,
  InfraCatalogSyncReport,
} from '@internal/plugin-infra-common';
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

        // Each outcome goes to the infra backend too, for its operations dashboard; a report
        // that cannot be sent is only logged.
        const report = (outcome: InfraCatalogSyncReport) =>
          infra
            .reportCatalogSync(outcome)
            .catch(error =>
              logger.warn(
                `Could not report the infra catalog refresh to the infra backend: ${error}`,
              ),
            );
        const refresh = async () => {
          try {
            const entities = await provider.refresh();
            if (entities !== undefined) {
              await report({ succeeded: true, entities });
            }
          } catch (error) {
            logger.error(
              'Failed to refresh infra resources in the catalog',
              error instanceof Error ? error : { error: String(error) },
            );
            await report({
              succeeded: false,
              error: (error instanceof Error
                ? error.message
                : String(error)
              ).slice(0, INFRA_CATALOG_SYNC_ERROR_MAX),
            });
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
