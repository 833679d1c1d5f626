import { randomUUID } from 'node:crypto';
import { parsePathId } from './parsePathId';

describe('parsePathId', () => {
  it('returns a UUID as it is', () => {
    const id = randomUUID();
    expect(parsePathId(id, 'approval request')).toBe(id);
  });

  it.each([
    ['a word', 'nope', 'No approval request nope'],
    ['an empty string', '', 'No approval request '],
    [
      'a NUL character, escaped in the message',
      '\u0000abc',
      'No approval request \\u0000abc',
    ],
    [
      'a UUID with a trailing NUL',
      `${randomUUID().slice(0, 35)}\u0000`,
      expect.stringMatching(/\\u0000$/),
    ],
  ])('throws NotFoundError for %s', (_, value, message) => {
    expect(() => parsePathId(value, 'approval request')).toThrow(
      expect.objectContaining({ name: 'NotFoundError', message }),
    );
  });

  it('keeps the message short for a long value', () => {
    expect(() => parsePathId('x'.repeat(5000), 'resource')).toThrow(
      expect.objectContaining({
        message: `No resource ${'x'.repeat(100)}…`,
      }),
    );
  });
});
