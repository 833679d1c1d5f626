import {
  AuditorService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { ApprovalsStore } from '../database/ApprovalsStore';
import { ApprovalsNotifier } from './ApprovalsNotifier';

/**
 * Expires pending requests past their expiry. A scheduled task with a distributed lock, so
 * exactly one replica sweeps at a time; the store's guarded update settles races with votes.
 */
export async function scheduleExpirySweep(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  auditor: AuditorService;
  store: ApprovalsStore;
  notifier: ApprovalsNotifier;
}) {
  const { scheduler, config, logger, auditor, store, notifier } = options;
  const schedule = config.has('approvals.expirySweep')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('approvals.expirySweep'),
      )
    : {
        frequency: { minutes: 1 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 10 },
      };

  await scheduler.scheduleTask({
    id: 'approvals-expiry-sweep',
    ...schedule,
    fn: async () => {
      const expired = await store.expireDue(new Date());
      for (const request of expired) {
        const event = await auditor.createEvent({
          eventId: 'approval-request-expire',
          severityLevel: 'medium',
          meta: { requestId: request.id, kind: request.kind },
        });
        await event.success();
        await notifier.closed(
          request,
          'The request expired before a decision.',
        );
      }
      if (expired.length) {
        logger.info(`Expired ${expired.length} approval request(s)`);
      }
    },
  });
}
