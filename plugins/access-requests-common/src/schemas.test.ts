import {
  createAccessRequestsItemSchema,
  listAccessRequestsItemsQuerySchema,
} from './schemas';

describe('createAccessRequestsItemSchema', () => {
  it('trims the title and refuses an empty one', () => {
    expect(createAccessRequestsItemSchema.parse({ title: '  Hello ' })).toEqual({
      title: 'Hello',
    });
    expect(createAccessRequestsItemSchema.safeParse({ title: '  ' }).success).toBe(
      false,
    );
  });

  it('refuses unknown fields', () => {
    expect(
      createAccessRequestsItemSchema.safeParse({ title: 'a', status: 'published' })
        .success,
    ).toBe(false);
  });
});

describe('listAccessRequestsItemsQuerySchema', () => {
  it('reads the limit from a query string and bounds it', () => {
    expect(listAccessRequestsItemsQuerySchema.parse({ limit: '10' }).limit).toBe(10);
    expect(listAccessRequestsItemsQuerySchema.parse({}).limit).toBe(50);
    expect(listAccessRequestsItemsQuerySchema.safeParse({ limit: '0' }).success).toBe(
      false,
    );
  });
});
