import { NotFoundError } from '@backstage/errors';
import { z } from 'zod';

const uuid = z.uuid();

/** A value safe to echo in an error message: control characters escaped, and not too long. */
function printable(value: string): string {
  const shown = value.length > 100 ? `${value.slice(0, 100)}…` : value;
  return JSON.stringify(shown).slice(1, -1);
}

/**
 * Checks an id taken from a URL path. Gantry ids are UUIDs, so anything else cannot exist:
 * it is a `NotFoundError` (`No <what> <value>`) without a database query.
 */
export function parsePathId(value: string, what: string): string {
  if (!uuid.safeParse(value).success) {
    throw new NotFoundError(`No ${what} ${printable(value)}`);
  }
  return value;
}
