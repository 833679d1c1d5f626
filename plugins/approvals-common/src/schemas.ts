import { z } from 'zod';

const entityRef = z
  .string()
  .regex(
    /^(user|group):[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/i,
    'must be a full entity ref such as user:default/jane or group:default/team',
  );
const userRef = entityRef.refine(v => v.toLowerCase().startsWith('user:'), {
  message: 'must be a user entity ref',
});
const groupRef = entityRef.refine(v => v.toLowerCase().startsWith('group:'), {
  message: 'must be a group entity ref',
});

/** Body of `POST /requests`: what a plugin sends to open a request. */
export const createApprovalRequestSchema = z
  .object({
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and -'),
    title: z.string().trim().min(1).max(200),
    summary: z.string().max(4000).optional(),
    onBehalfOfRef: groupRef.optional(),
    approvers: z
      .object({
        users: z.array(userRef).max(100).default([]),
        groups: z.array(groupRef).max(100).default([]),
      })
      .refine(a => a.users.length + a.groups.length > 0, {
        message: 'name at least one approver user or group',
      }),
    quorum: z.number().int().min(1).max(20).default(1),
    /** Seconds until the request expires; one hour to thirty days, a week by default. */
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(7 * 24 * 3600),
    payload: z.unknown().refine(v => v !== undefined, 'payload is required'),
    details: z.record(z.string(), z.unknown()).optional(),
    links: z
      .array(
        z.object({ title: z.string().min(1).max(200), url: z.string().url() }),
      )
      .max(20)
      .default([]),
  })
  .strict();

/**
 * Body of `POST /requests` from a plugin acting on its own (service principal) for a user
 * who asked earlier, e.g. when a plan went stale and must be approved again. It names the
 * requester, who still may never approve it.
 */
export const createApprovalRequestForSchema =
  createApprovalRequestSchema.extend({ requesterRef: userRef });

/** Input of a request a plugin opens for a named requester. */
export type CreateApprovalRequestFor = z.input<
  typeof createApprovalRequestForSchema
>;

/** Input to create a request, before defaults are applied. */
export type CreateApprovalRequest = z.input<typeof createApprovalRequestSchema>;

/** Body of `POST /requests/:id/decision`. A rejection needs a comment. */
export const decideApprovalSchema = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      comment: z.string().trim().max(4000).optional(),
    })
    .strict(),
  z
    .object({
      decision: z.literal('reject'),
      comment: z
        .string({ error: 'a rejection needs a comment' })
        .trim()
        .min(1, 'a rejection needs a comment')
        .max(4000),
    })
    .strict(),
]);

/** A vote on a request. */
export type ApprovalDecision = z.infer<typeof decideApprovalSchema>;

/** Body of `POST /requests/:id/cancel`. */
export const cancelApprovalSchema = z
  .object({ comment: z.string().trim().max(4000).optional() })
  .strict();

/**
 * Body of `POST /requests/:id/withdrawal`: the plugin that opened a request says why it no
 * longer needs it.
 */
export const withdrawApprovalSchema = z
  .object({ comment: z.string().trim().min(1).max(4000) })
  .strict();

/** Body of `POST /requests/:id/execution`: the consumer reports how execution goes. */
export const reportExecutionSchema = z
  .object({
    status: z.enum(['executing', 'completed', 'failed']),
    comment: z.string().max(4000).optional(),
  })
  .strict();

/** Query of `GET /requests`. */
export const listApprovalRequestsQuerySchema = z
  .object({
    status: z
      .union([z.string(), z.array(z.string())])
      .transform(v => (Array.isArray(v) ? v : v.split(',')))
      .pipe(
        z.array(
          z.enum([
            'pending',
            'approved',
            'rejected',
            'expired',
            'cancelled',
            'executing',
            'completed',
            'failed',
          ]),
        ),
      )
      .optional(),
    kind: z.string().max(63).optional(),
    mine: z.enum(['true', 'false']).optional(),
    assignedToMe: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();

/** Parsed list query. */
export type ListApprovalRequestsQuery = z.infer<
  typeof listApprovalRequestsQuerySchema
>;
