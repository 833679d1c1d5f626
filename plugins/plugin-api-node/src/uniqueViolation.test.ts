import { isUniqueViolation } from './uniqueViolation';

describe('isUniqueViolation', () => {
  it('recognises PostgreSQL and SQLite unique violations', () => {
    expect(
      isUniqueViolation(
        Object.assign(new Error('duplicate key'), { code: '23505' }),
      ),
    ).toBe(true);
    expect(
      isUniqueViolation(
        new Error('insert into x - UNIQUE constraint failed: x.key'),
      ),
    ).toBe(true);
    expect(
      isUniqueViolation(
        Object.assign(new Error('constraint'), {
          code: 'SQLITE_CONSTRAINT_UNIQUE',
        }),
      ),
    ).toBe(true);
  });

  it('is false for other errors', () => {
    expect(isUniqueViolation(new Error('connection refused'))).toBe(false);
    expect(
      isUniqueViolation(Object.assign(new Error('fk'), { code: '23503' })),
    ).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
