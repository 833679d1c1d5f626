import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';

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
