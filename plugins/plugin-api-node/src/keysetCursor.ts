import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Where a keyset page ends: the creation time (epoch ms) and id of its last row. */
export type KeysetCursor = { t: number; id: string };

// The years 1970 to 9999: every database and `Date` can hold these.
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const cursorSchema = z
  .object({
    t: z.number().int().min(0).max(LATEST),
    id: z.uuid(),
  })
  .strict();

/** Encodes a {@link KeysetCursor} as the opaque base64url string clients send back. */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.t, id: cursor.id })).toString(
    'base64url',
  );
}

/** Decodes a client's cursor; anything that {@link encodeCursor} did not make is a 400. */
export function decodeCursor(value: string): KeysetCursor {
  if (/^[A-Za-z0-9_-]+$/.test(value)) {
    try {
      const parsed = cursorSchema.safeParse(
        JSON.parse(Buffer.from(value, 'base64url').toString('utf8')),
      );
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: the same answer as any other bad cursor.
    }
  }
  throw new InputError('Invalid cursor');
}
