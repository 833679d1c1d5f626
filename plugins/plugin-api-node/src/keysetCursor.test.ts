import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor } from './keysetCursor';
import { invalidCursors } from './testUtils/invalidCursors';

const id = randomUUID();

describe('keyset cursor', () => {
  it('round-trips a cursor as opaque base64url', () => {
    const cursor = { t: Date.parse('2026-11-29T10:00:00.123Z'), id };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('decodes the cursors the stores wrote before', () => {
    const old = Buffer.from(JSON.stringify({ t: 1764410400000, id })).toString(
      'base64url',
    );
    expect(decodeCursor(old)).toEqual({ t: 1764410400000, id });
  });

  it('accepts the first and last millisecond of years 1970 to 9999', () => {
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(decodeCursor(encodeCursor({ t: 0, id })).t).toBe(0);
    expect(decodeCursor(encodeCursor({ t: last, id })).t).toBe(last);
    expect(() => decodeCursor(encodeCursor({ t: last + 1, id }))).toThrow(
      'Invalid cursor',
    );
  });

  it.each([...invalidCursors, ['an empty string', '']])(
    'refuses %s with a 400 "Invalid cursor"',
    (_, value) => {
      expect(() => decodeCursor(value)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: 'Invalid cursor',
        }),
      );
    },
  );
});
