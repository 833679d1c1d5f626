import {
  AuditorService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { AuditStore } from '@internal/plugin-audit-node';
import { DateTime } from 'luxon';

/** The id of the scheduled task that prunes the trail. */
export const AUDIT_RETENTION_TASK_ID = 'audit-retention';

const DEFAULT_RETENTION_DAYS = 365;

/** `gantry.audit.retentionDays`, checked: a whole number of days, at least one. */
export function readRetentionDays(config: RootConfigService): number {
  const days =
    config.getOptionalNumber('gantry.audit.retentionDays') ??
    DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(
      `gantry.audit.retentionDays must be a whole number of days, at least 1; got ${days}`,
    );
  }
  return days;
}

/**
 * Deletes entries older than the retention period. A scheduled task with a distributed lock,
 * so one replica prunes at a time; the deletion is itself audited.
 */
export async function scheduleRetention(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  auditor: AuditorService;
  store: AuditStore;
}) {
  const { scheduler, logger, auditor, store } = options;
  const retentionDays = readRetentionDays(options.config);

  await scheduler.scheduleTask({
    id: AUDIT_RETENTION_TASK_ID,
    frequency: { hours: 6 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const before = DateTime.now().minus({ days: retentionDays }).toJSDate();
      const event = await auditor.createEvent({
        eventId: 'audit-retention',
        severityLevel: 'medium',
        meta: { retentionDays, before: before.toISOString() },
      });
      try {
        const { deleted } = await store.prune(before);
        await event.success({ meta: { deleted } });
        logger.info(
          `Audit retention deleted ${deleted} entr${
            deleted === 1 ? 'y' : 'ies'
          } older than ${retentionDays} days`,
        );
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
