import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { APPROVALS_EVENTS_TOPIC } from '@internal/plugin-approvals-node';
import { INFRA_EVENTS_TOPIC } from '@internal/plugin-infra-node';
import { indexTaskId } from '../indexTaskId';

/** How long after the first of a burst of events the requests are indexed again. */
const DEFAULT_DEBOUNCE_MS = 3_000;

/**
 * Indexes the requests again a few seconds after an approval or infra event, so that a new
 * request or a decision shows in search at once rather than at the collators' next run (every
 * 10 minutes). Events from every replica arrive here; the scheduler runs a triggered global
 * task on one replica, and a trigger while it runs is dropped (the run picks the change up).
 */
export async function reindexOnEvents(options: {
  events: EventsService;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** The collators' document types. */
  types: string[];
  debounceMs?: number;
}): Promise<void> {
  const { events, scheduler, logger, types } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let pending: NodeJS.Timeout | undefined;

  const reindex = async () => {
    pending = undefined;
    for (const type of types) {
      try {
        await scheduler.triggerTask(indexTaskId(type));
      } catch (error) {
        logger.debug(`Did not index ${type} again now: ${error}`);
      }
    }
  };

  await events.subscribe({
    id: 'search-gantry-reindex',
    topics: [APPROVALS_EVENTS_TOPIC, INFRA_EVENTS_TOPIC],
    async onEvent() {
      if (pending) return;
      pending = setTimeout(() => void reindex(), debounceMs);
      pending.unref?.();
    },
  });
}
