import { ErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

/**
 * The sentence to show for an error from a backend call: a `ResponseError`'s own message is
 * only the status ("Request failed with 404 Not Found"), so its server reason is used
 * instead; any other error (e.g. the `NotAllowedError` that {@link PluginBackendClient}
 * throws for a 403) already carries its sentence. Never a stack trace or a JSON dump.
 */
export function errorMessageOf(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/**
 * An error panel for a failed backend call that shows the error's name and sentence (see
 * {@link errorMessageOf}), unlike `ResponseErrorPanel`, which dumps the server's stack trace
 * and error body.
 */
export const BackendErrorPanel = ({
  error,
  title,
}: {
  error: Error;
  title?: string;
}) => (
  <ErrorPanel
    title={title}
    error={{
      name: ResponseError.is(error) ? error.cause.name : error.name,
      message: errorMessageOf(error),
    }}
  />
);
