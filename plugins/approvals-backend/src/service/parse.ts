import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Parses untrusted input with a zod schema; failures become a 400 with a readable message. */
export function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const message = result.error.issues
      .map(issue =>
        issue.path.length
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      )
      .join('; ');
    throw new InputError(`Invalid request: ${message}`);
  }
  return result.data;
}
