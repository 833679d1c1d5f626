import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  CATALOG_INDEX_TASK_ID,
  CatalogIndexWarmup,
} from './CatalogIndexWarmup';
import { countCatalogEntities } from './countCatalogEntities';

/**
 * For the first minutes after a start, polls the catalog and triggers the catalog index
 * task each time the catalog settles at a new size. Local to each replica; the trigger is
 * a row update in the scheduler's table, so on several replicas the task still runs once.
 */
export async function scheduleCatalogWarmup(deps: {
  config: RootConfigService;
  scheduler: SchedulerService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
}): Promise<void> {
  const { config, scheduler, logger } = deps;
  const settings = config.getOptionalConfig('search.catalogWarmup');
  if (settings?.getOptionalBoolean('enabled') === false) return;
  const pollSeconds = settings?.getOptionalNumber('pollIntervalSeconds') ?? 3;
  const windowMinutes = settings?.getOptionalNumber('windowMinutes') ?? 10;

  const warmup = new CatalogIndexWarmup({
    countEntities: () => countCatalogEntities(deps),
    triggerIndexing: () => scheduler.triggerTask(CATALOG_INDEX_TASK_ID),
    logger,
    settlePolls: settings?.getOptionalNumber('settlePolls') ?? 2,
  });
  await scheduler.scheduleTask({
    id: 'search_catalog_warmup',
    scope: 'local',
    frequency: { seconds: pollSeconds },
    initialDelay: { seconds: pollSeconds },
    timeout: { seconds: 30 },
    signal: AbortSignal.timeout(windowMinutes * 60_000),
    fn: async () => {
      try {
        await warmup.poll();
      } catch (error) {
        // The catalog may not answer yet while the backend starts.
        logger.debug(`Catalog warm-up poll failed: ${error}`);
      }
    },
  });
}
