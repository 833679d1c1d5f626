import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyError, toError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';

/**
 * Runs a route's `action` inside an audit event, one home for the rule, so that no route
 * forgets a case:
 *
 * - `auditor.createEvent` stores the `initiated` event first; a medium or high event that
 *   cannot be stored refuses the action, which then never starts.
 * - An action that throws fails the event with its error, which is thrown on.
 * - An action that returned has committed its change, and nothing can refuse it any more.
 *   The event then succeeds, with `successMeta` of the result. A failure to store that is
 *   logged, not thrown: failing the request would not undo the change, would record it as
 *   failed although it happened, and would make the client retry into a conflict. The
 *   auditor has already written the event's log line.
 */
export async function auditedAction<T>(
  deps: { auditor: AuditorService; logger: LoggerService },
  options: AuditorServiceCreateEventOptions,
  action: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const event = await deps.auditor.createEvent(options);
  let result: T;
  try {
    result = await action();
  } catch (error) {
    await event.fail({ error: toError(error) });
    throw error;
  }
  try {
    await event.success(successMeta && { meta: successMeta(result) });
  } catch (error) {
    deps.logger.error(
      `Could not store the outcome of a committed action (${
        options.eventId
      }) in the audit trail: ${stringifyError(error)}`,
    );
  }
  return result;
}
