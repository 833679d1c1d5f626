import { canonicalEntityRef } from './auditTargets';
import { z } from 'zod';

/** Most entries one page of `GET /events` holds. */
export const EVENTS_MAX_LIMIT = 200;

const text = (max: number) => z.string().min(1).max(max);

/** An ISO 8601 time with a zone (`Z` or an offset), as the store compares times. */
const isoTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 time with a zone, like 2025-01-31T12:00:00Z',
});

/** A whole number in a query string. */
const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** The filters every read of the trail shares; they combine with AND. */
const filterFields = {
  actor: text(300),
  plugin: text(100),
  eventId: text(200),
  action: text(200),
  target: text(1000),
  outcome: z.enum(['initiated', 'succeeded', 'failed']),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  from: isoTime,
  to: isoTime,
  text: text(200),
};

const timeRangeInOrder = (query: { from?: string; to?: string }) =>
  query.from === undefined ||
  query.to === undefined ||
  Date.parse(query.from) < Date.parse(query.to);

const timeRangeIssue = {
  message: 'must be before to',
  path: ['from'],
};

/** `GET /events` */
export const eventsQuerySchema = z
  .object({
    ...z.object(filterFields).partial().shape,
    cursor: text(1000).optional(),
    limit: whole(1, EVENTS_MAX_LIMIT).default(50),
  })
  .refine(timeRangeInOrder, timeRangeIssue);

/** `GET /events/export` */
export const exportQuerySchema = z
  .object({
    ...z.object(filterFields).partial().shape,
    format: z.enum(['csv', 'ndjson']).default('csv'),
  })
  .refine(timeRangeInOrder, timeRangeIssue);

/** `GET /activity`: one entity's entries, by its ref in canonical form, a page at a time. */
export const activityQuerySchema = z.object({
  entityRef: text(1000).transform((ref, ctx) => {
    const canonical = canonicalEntityRef(ref);
    if (!canonical) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an entity ref, like component:default/payments',
      });
      return z.NEVER;
    }
    return canonical;
  }),
});
