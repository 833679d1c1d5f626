import { SchedulerService } from '@backstage/backend-plugin-api';
import { DecisionFollower } from './DecisionFollower';

/**
 * Follows the pending requests' approvals every `frequencySeconds`, for decisions whose
 * event a replica missed (a restart, a bus outage). Global scope: one replica at a time.
 */
export async function scheduleApprovalSweep(options: {
  scheduler: SchedulerService;
  follower: DecisionFollower;
  frequencySeconds: number;
}) {
  const { scheduler, follower, frequencySeconds } = options;
  await scheduler.scheduleTask({
    id: 'access-requests-approval-sweep',
    frequency: { seconds: frequencySeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: Math.min(frequencySeconds, 15) },
    fn: () => follower.sweep(),
  });
}
