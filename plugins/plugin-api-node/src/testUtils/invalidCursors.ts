const UUID = '00000000-0000-4000-8000-000000000000';

const encoded = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Cursors that a keyset-paged list must answer with a 400 `Invalid cursor`, as
 * `[description, cursor]` rows for `it.each`.
 */
export const invalidCursors: ReadonlyArray<[string, string]> = [
  ['a time past year 9999', encoded({ t: 1e20, id: 'x' })],
  ['a time past year 9999 with a UUID id', encoded({ t: 1e20, id: UUID })],
  ['a negative time', encoded({ t: -1, id: UUID })],
  ['a fractional time', encoded({ t: 1.5, id: UUID })],
  ['a string time', encoded({ t: '1', id: UUID })],
  ['an id that is not a UUID', encoded({ t: 0, id: 'x' })],
  ['an id with a NUL character', encoded({ t: 0, id: `${UUID}\u0000` })],
  ['a missing id', encoded({ t: 0 })],
  ['an extra field', encoded({ t: 0, id: UUID, x: 1 })],
  ['wrong types', encoded({ t: '1', id: 1 })],
  ['JSON null', encoded(null)],
  ['a JSON array', encoded([0, UUID])],
  ['base64 of text that is not JSON', 'bm90IGpzb24'],
  ['characters outside base64url', '!!!***'],
  ['base64 padding and +/', 'eyJ0Ijow+/=='],
];
