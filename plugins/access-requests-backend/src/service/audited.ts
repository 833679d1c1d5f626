import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';

/**
 * Runs `work` inside an audit event: it succeeds with the work (and `successMeta` of its
 * result), or fails with its error (which is thrown on). One helper, so that no route
 * forgets the failure case.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  work: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const event = await auditor.createEvent(options);
  try {
    const result = await work();
    await event.success(successMeta && { meta: successMeta(result) });
    return result;
  } catch (error) {
    await event.fail({ error: toError(error) });
    throw error;
  }
}

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
