/**
 * Whether a knex error is a unique-constraint violation, on PostgreSQL (`23505`) or SQLite
 * (`SQLITE_CONSTRAINT`, "UNIQUE constraint failed"). Stores turn it into a 409.
 */
export function isUniqueViolation(error: unknown): boolean {
  const text =
    String((error as { code?: string } | undefined)?.code ?? '') + error;
  return /23505|UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(text);
}
