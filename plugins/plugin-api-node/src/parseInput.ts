import { InputError } from '@backstage/errors';
import { z } from 'zod';

const NUL = '\u0000';

/** A field path as the error message shows it; a key with control characters is escaped. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map(segment => {
      const text = String(segment);
      // eslint-disable-next-line no-control-regex
      return /[\u0000-\u001f\u007f]/.test(text) ? JSON.stringify(text) : text;
    })
    .join('.');
}

function issue(path: ReadonlyArray<PropertyKey>, message: string): string {
  return path.length ? `${fieldName(path)}: ${message}` : message;
}

// PostgreSQL refuses NUL in text and answers 500, so it is refused here for every input.
function nulIssues(input: unknown): string[] {
  const issues: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      if (value.includes(NUL)) {
        issues.push(issue(path, 'must not contain a NUL character'));
      }
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) {
      return;
    }
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      if (key.includes(NUL)) {
        issues.push(issue(childPath, 'key must not contain a NUL character'));
      }
      visit(child, childPath);
    }
  };
  visit(input, []);
  return issues;
}

/**
 * Validates untrusted input (a body, query or params) with a zod schema. Any failure, and any
 * string or key holding a NUL character, is an `InputError` (400) naming each bad field:
 * `Invalid request: field: message; ...`.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.output<S> {
  const nul = nulIssues(input);
  if (nul.length) {
    throw new InputError(`Invalid request: ${nul.join('; ')}`);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InputError(
    `Invalid request: ${result.error.issues
      .map(i => issue(i.path, i.message))
      .join('; ')}`,
  );
}
