import { z } from 'zod';
import { parseInput } from './parseInput';

const schema = z
  .object({
    title: z.string().min(1),
    tags: z.array(z.string()).default([]),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

describe('parseInput', () => {
  it('returns the parsed value, with defaults', () => {
    expect(parseInput(schema, { title: 'A bucket' })).toEqual({
      title: 'A bucket',
      tags: [],
    });
  });

  it('throws an InputError naming each bad field', () => {
    expect(() => parseInput(schema, { title: '', tags: [1] })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid request: title: .+; tags\.0: .+$/,
        ),
      }),
    );
  });

  it('gives a message without a path for a problem with the whole input', () => {
    expect(() => parseInput(schema, 'text')).toThrow(
      'Invalid request: Invalid input: expected object, received string',
    );
  });

  it.each([
    ['a top-level field', { title: 'a\u0000b' }, 'title'],
    ['an array item', { title: 'a', tags: ['x', '\u0000'] }, 'tags.1'],
    [
      'a deep value',
      { title: 'a', details: { plan: [{ note: 'x\u0000' }] } },
      'details.plan.0.note',
    ],
  ])('refuses a NUL character in %s, naming it', (_, input, field) => {
    expect(() => parseInput(schema, input)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: `Invalid request: ${field}: must not contain a NUL character`,
      }),
    );
  });

  it('refuses a NUL character in a key, without echoing it', () => {
    let message = '';
    try {
      parseInput(schema, { title: 'a', details: { 'k\u0000': 1 } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Invalid request: details."k\\u0000": key must not contain a NUL character',
    );
  });

  it('checks for NUL before the schema runs, even where the schema allows anything', () => {
    const anything = z.unknown();
    expect(() => parseInput(anything, { a: ['\u0000'] })).toThrow(
      'Invalid request: a.0: must not contain a NUL character',
    );
    expect(() => parseInput(anything, '\u0000')).toThrow(
      'Invalid request: must not contain a NUL character',
    );
    // The schema would strip the unknown field; NUL is refused anyway.
    expect(() => parseInput(z.object({}), { extra: '\u0000' })).toThrow(
      /extra: must not contain a NUL character/,
    );
  });

  it('lists every field holding a NUL character', () => {
    expect(() =>
      parseInput(schema, { title: '\u0000', tags: ['\u0000'] }),
    ).toThrow(
      'Invalid request: title: must not contain a NUL character; tags.0: must not contain a NUL character',
    );
  });

  it('accepts other control characters and stops at cycles', () => {
    expect(parseInput(schema, { title: 'tab\there\n' }).title).toBe(
      'tab\there\n',
    );
    const cyclic: Record<string, unknown> = { title: 'x' };
    cyclic.self = cyclic;
    expect(() => parseInput(z.unknown(), cyclic)).not.toThrow();
  });
});
