import { REDACTED, redactMeta } from './redactMeta';

describe('redactMeta', () => {
  it('redacts values under secret-looking keys at any depth and in any case', () => {
    expect(
      redactMeta({
        user: 'dev',
        Password: 'hunter2',
        nested: {
          api_key: 'k',
          apiKey: 'k',
          'X-Authorization': 'x',
          list: [{ clientSecret: 's', cookie: 'c', ok: 1 }],
          credentials: { user: 'u' },
          privateKey: 'p',
          accessToken: 't',
        },
      }),
    ).toEqual({
      user: 'dev',
      Password: REDACTED,
      nested: {
        api_key: REDACTED,
        apiKey: REDACTED,
        'X-Authorization': REDACTED,
        list: [{ clientSecret: REDACTED, cookie: REDACTED, ok: 1 }],
        credentials: REDACTED,
        privateKey: REDACTED,
        accessToken: REDACTED,
      },
    });
  });

  it.each([
    ['a JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['an AWS key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE'],
    ['a GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a bearer header', 'Bearer abc.def-ghi_123'],
  ])('redacts %s in a value', (_, value) => {
    expect(redactMeta({ note: value, list: [value] })).toEqual({
      note: REDACTED,
      list: [REDACTED],
    });
  });

  it('keeps ordinary values and caps long strings, depth and arrays', () => {
    const deep = {
      a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } },
    };
    const result = redactMeta({
      ref: 'resource:default/db',
      n: 3,
      ok: true,
      none: null,
      long: 'x'.repeat(5000),
      many: Array.from({ length: 150 }, (_, i) => i),
      deep,
    });
    expect(result).toMatchObject({
      ref: 'resource:default/db',
      n: 3,
      ok: true,
      none: null,
    });
    expect((result.long as string).length).toBeLessThan(1100);
    expect(result.many).toHaveLength(101);
    expect(JSON.stringify(result.deep)).toContain('(too deep)');
  });
  it('replaces NUL characters, which PostgreSQL cannot store, in keys and values', () => {
    expect(redactMeta({ 'id\u0000': 'a\u0000b', list: ['\u0000'] })).toEqual({
      'id\uFFFD': 'a\uFFFDb',
      list: ['\uFFFD'],
    });
  });
});
