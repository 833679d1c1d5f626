import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Validates untrusted input; a failure is a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InputError(
    `Invalid request: ${result.error.issues
      .map(i => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message)
      .join('; ')}`,
  );
}
