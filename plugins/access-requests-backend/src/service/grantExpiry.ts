import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { AccessRequestsStore } from '../database/AccessRequestsStore';
import { auditDone } from './auditDone';
import { GrantAnnouncer } from './GrantAnnouncer';

const BATCH = 500;

/** What one expiry pass needs. */
export type GrantExpiryOptions = {
  store: AccessRequestsStore;
  auditor: AuditorService;
  announcer: GrantAnnouncer;
  logger: LoggerService;
  now: () => Date;
};

/**
 * Ends the active grants whose time is up: each moves to `expired` (compare-and-set, so a
 * revocation that won the race stays a revocation), is audited and announced. Returns how
 * many it ended. The policy already ignores a grant past its `expiresAt`; this makes the
 * record say so.
 */
export async function expireGrants(
  options: GrantExpiryOptions,
): Promise<number> {
  const { store, auditor, announcer, logger, now } = options;
  let count = 0;
  for (const grant of await store.listDue(now(), BATCH)) {
    const expired = await store.transition(
      grant.id,
      'active',
      'expired',
      {},
      now(),
    );
    if (!expired) continue;
    count++;
    await auditDone(auditor, {
      eventId: 'access-grant-expire',
      severityLevel: 'medium',
      meta: {
        requestId: expired.id,
        requester: expired.requester,
        targetId: expired.targetId,
        expiresAt: expired.expiresAt!,
      },
    });
    await announcer.changed(expired);
  }
  if (count) logger.info(`Expired ${count} temporary grant(s)`);
  return count;
}

/**
 * Runs {@link expireGrants} every `frequencySeconds` as a scheduled task: global scope, so
 * one replica at a time.
 */
export async function scheduleGrantExpiry(
  options: GrantExpiryOptions & {
    scheduler: SchedulerService;
    frequencySeconds: number;
  },
) {
  const { scheduler, frequencySeconds, ...pass } = options;
  await scheduler.scheduleTask({
    id: 'access-requests-grant-expiry',
    frequency: { seconds: frequencySeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: Math.min(frequencySeconds, 10) },
    fn: async () => {
      await expireGrants(pass);
    },
  });
}
