import {
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';

/**
 * Records the `succeeded` audit event of an action whose change is already committed.
 *
 * The audit rule (an action whose medium or high event cannot be stored is refused) is kept
 * by `auditor.createEvent`: it stores the `initiated` event before the action runs, and the
 * action never starts without it. Once the change is committed nothing can refuse it any
 * more. Failing the request now would not undo it, would record it as `failed` although it
 * happened, and would make the client retry into a 409 ("already approved"). So a failure to
 * store the outcome is logged as an error instead: the auditor has already written the
 * event's log line, and the approvals history holds who did what and when.
 */
export async function auditCommitted(
  event: AuditorServiceEvent,
  meta: JsonObject,
  logger: LoggerService,
): Promise<void> {
  try {
    await event.success({ meta });
  } catch (error) {
    // The auditor's own log line for the event, written before storing, has the meta.
    logger.error(
      `Could not store the outcome of a committed action in the audit trail: ${stringifyError(
        error,
      )}`,
    );
  }
}

/**
 * The answer to an action whose change is already committed, built by `build`, which may
 * call other plugins (the catalog, the permission backend) through this replica's HTTP
 * server. Those calls answer 503 "Service is shutting down" once the plugins have stopped,
 * which can happen between the commit and this answer while the replica shuts down. The
 * client must still learn the committed outcome rather than an error it would retry into a
 * 409, so the answer then falls back to `fallback`, which needs no other plugin.
 */
export async function answerCommitted<T>(
  build: () => Promise<T>,
  fallback: () => T,
  logger: LoggerService,
): Promise<T> {
  try {
    return await build();
  } catch (error) {
    logger.warn(
      `Answering a committed action with its outcome alone: ${stringifyError(
        error,
      )}`,
    );
    return fallback();
  }
}
