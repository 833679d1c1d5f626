import {
  cancelAccessRequestSchema,
  createAccessRequestSchema,
  listAccessRequestsQuerySchema,
  revokeAccessGrantSchema,
} from './schemas';

describe('createAccessRequestSchema', () => {
  const valid = {
    targetId: 'admin',
    duration: '4h',
    reason: '  Rotate the payment keys  ',
  };

  it('trims the reason', () => {
    expect(createAccessRequestSchema.parse(valid)).toEqual({
      ...valid,
      reason: 'Rotate the payment keys',
    });
  });

  it('needs a reason of 10 to 1000 characters, counted after trimming', () => {
    const parse = (reason: string) =>
      createAccessRequestSchema.safeParse({ ...valid, reason }).success;
    expect(parse('  too short  ')).toBe(false);
    expect(parse('x'.repeat(10))).toBe(true);
    expect(parse('x'.repeat(1000))).toBe(true);
    expect(parse('x'.repeat(1001))).toBe(false);
  });

  it('refuses missing and unknown fields', () => {
    expect(
      createAccessRequestSchema.safeParse({ targetId: 'admin', duration: '4h' })
        .success,
    ).toBe(false);
    expect(
      createAccessRequestSchema.safeParse({
        ...valid,
        requester: 'user:default/ada',
      }).success,
    ).toBe(false);
  });
});

describe('listAccessRequestsQuerySchema', () => {
  it('defaults to my requests, 50 at a time', () => {
    expect(listAccessRequestsQuerySchema.parse({})).toEqual({
      scope: 'mine',
      limit: 50,
    });
  });

  it('reads the query string and bounds it', () => {
    expect(
      listAccessRequestsQuerySchema.parse({
        scope: 'all',
        status: 'active',
        limit: '10',
      }),
    ).toEqual({ scope: 'all', status: 'active', limit: 10 });
    for (const query of [
      { limit: '0' },
      { limit: '101' },
      { scope: 'everyone' },
      { status: 'approved' },
      { order: 'asc' },
    ]) {
      expect(listAccessRequestsQuerySchema.safeParse(query).success).toBe(
        false,
      );
    }
  });
});

describe('cancelAccessRequestSchema and revokeAccessGrantSchema', () => {
  it('take an empty cancel and a revocation with a reason', () => {
    expect(cancelAccessRequestSchema.safeParse({}).success).toBe(true);
    expect(cancelAccessRequestSchema.safeParse({ x: 1 }).success).toBe(false);
    expect(revokeAccessGrantSchema.parse({ reason: ' done ' })).toEqual({
      reason: 'done',
    });
    expect(revokeAccessGrantSchema.safeParse({ reason: ' ' }).success).toBe(
      false,
    );
    expect(revokeAccessGrantSchema.safeParse({}).success).toBe(false);
  });
});
