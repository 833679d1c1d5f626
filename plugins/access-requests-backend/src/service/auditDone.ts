import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';

/**
 * Records what a background task did (a decision followed, a grant expired), once it is
 * done: such a step has no caller to fail towards.
 */
export async function auditDone(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
): Promise<void> {
  const event = await auditor.createEvent(options);
  await event.success();
}
