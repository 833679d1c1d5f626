import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';

/**
 * Runs `work` inside an audit event: it succeeds with the work, or fails with its error
 * (which is thrown on). One helper, so that no route forgets the failure case.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  work: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent(options);
  try {
    const result = await work();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: toError(error) });
    throw error;
  }
}
