import {
  LoggerService,
  RootConfigService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { InfraStore } from '../database/InfraStore';
import { Provisioner } from './Provisioner';

// An apply whose replica has not reported for this long is taken as interrupted.
const INTERRUPTED_AFTER_MS = 60_000;
const BATCH = 50;

/**
 * One pass of the dispatcher: fails interrupted applies, follows approvals whose events were
 * missed, and applies approved requests. Runs on one replica at a time (scheduler lock), and
 * each apply is claimed in the database, so none runs twice.
 */
export async function dispatchOnce(options: {
  store: InfraStore;
  provisioner: Provisioner;
  logger: LoggerService;
}) {
  const { store, provisioner, logger } = options;
  await provisioner.failInterrupted(
    new Date(Date.now() - INTERRUPTED_AFTER_MS),
  );
  for (const id of await store.listRequestIds(['awaiting_approval'], BATCH)) {
    const request = await store.getRequest(id);
    if (!request?.approvalId) continue;
    await provisioner
      .onApprovalStatus(request.approvalId)
      .catch(e => logger.warn(`Could not follow approval of ${id}: ${e}`));
  }
  for (const id of await store.listRequestIds(['approved'], BATCH)) {
    await provisioner
      .dispatch(id)
      .catch(e => logger.error(`Apply of ${id} failed to start: ${e}`));
  }
}

/** Schedules {@link dispatchOnce}; every 10 s by default (`infra.dispatcher`). */
export async function scheduleDispatcher(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  store: InfraStore;
  provisioner: Provisioner;
  logger: LoggerService;
}) {
  const schedule = options.config.has('infra.dispatcher')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        options.config.getConfig('infra.dispatcher'),
      )
    : {
        frequency: { seconds: 10 },
        timeout: { hours: 2 },
        initialDelay: { seconds: 5 },
      };
  await options.scheduler.scheduleTask({
    id: 'infra-apply-dispatcher',
    ...schedule,
    fn: () => dispatchOnce(options),
  });
}
