import { parseInput } from '@internal/plugin-api-node';
import { AuditPage } from '@internal/plugin-audit-common';
import { z } from 'zod';
import { AuditStore } from './AuditStore';

/** Most entries one page of a timeline holds. */
export const AUDIT_TIMELINE_MAX_LIMIT = 200;

/** A timeline's paging, from a query string: `cursor` and `limit` (20 by default). */
export const auditTimelineQuerySchema = z.object({
  cursor: z.string().min(1).max(1000).optional(),
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(AUDIT_TIMELINE_MAX_LIMIT))
    .default(20),
});

/**
 * One page of the timeline of one thing (an entity, a request and its approval): what was
 * done to any of `targets`, newest first. Reads (low severity) are left out: each look at an
 * entity page records several, and they would push its changes off the page. The caller has
 * checked that the reader may see that thing; `query` is the request's query string,
 * validated here.
 */
export async function readAuditTimeline(
  store: Pick<AuditStore, 'query'>,
  targets: string[],
  query: unknown,
): Promise<AuditPage> {
  const page = parseInput(auditTimelineQuerySchema, query);
  return store.query({ ...page, targets, minSeverity: 'medium' });
}
