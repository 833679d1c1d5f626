import {
  LoggerService,
  RootConfigService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { InfraStore } from '../database/InfraStore';
import { ApprovalTracker } from './ApprovalTracker';
import { Clock } from './clock';
import { Planner } from './Planner';
import { RequestLifecycle } from './RequestLifecycle';

const BATCH = 50;
const INTERRUPTED =
  'Interrupted: the backend running the apply stopped. It is not run again: check the resource, then request again.';

/** What one sweep needs. */
export type SweepOptions = {
  store: InfraStore;
  tracker: ApprovalTracker;
  planner: Planner;
  lifecycle: RequestLifecycle;
  logger: LoggerService;
  clock: Clock;
  /** A job whose worker has not reported for this long is taken as dead. */
  staleAfterMs: number;
};

/**
 * One pass of the sweeper, the way out of every waiting state whose event was missed: fails
 * applies whose worker died (never re-run: they may have half-applied), follows approvals
 * whose decision event was missed, and opens approvals that could not be opened. Only
 * database work and calls to the approvals service: Terraform runs in the job workers.
 */
export async function sweepOnce(options: SweepOptions) {
  const { store, tracker, planner, lifecycle, logger, clock } = options;
  const staleBefore = new Date(clock.now().getTime() - options.staleAfterMs);
  for (const id of await store.listInterruptedApplies(staleBefore)) {
    const request = await store.getRequest(id);
    if (!request) continue;
    await store.appendLogs(
      id,
      [{ stream: 'gantry', line: INTERRUPTED }],
      clock.now(),
    );
    await lifecycle.fail(request, ['applying'], INTERRUPTED, {
      nothingApplied: false,
    });
  }
  for (const id of await store.listRequestIds(['awaiting_approval'], BATCH)) {
    const request = await store.getRequest(id);
    if (!request?.approvalId) continue;
    await tracker
      .follow(request.approvalId)
      .catch(e => logger.warn(`Could not follow the approval of ${id}: ${e}`));
  }
  for (const id of await store.listRequestIds(['planned'], BATCH)) {
    const request = await store.getRequest(id);
    if (request && Date.parse(request.updatedAt) < staleBefore.getTime()) {
      await planner.openApproval(request);
    }
  }
}

/** Schedules a sweep on one replica at a time; every 10 s by default (`infra.sweeper`). */
export async function scheduleSweeper(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  /** One pass, {@link sweepOnce} as `createInfraServices` wires it. */
  sweep: () => Promise<void>;
}) {
  const schedule = options.config.has('infra.sweeper')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        options.config.getConfig('infra.sweeper'),
      )
    : {
        frequency: { seconds: 10 },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 5 },
      };
  await options.scheduler.scheduleTask({
    id: 'infra-sweeper',
    ...schedule,
    fn: options.sweep,
  });
}
