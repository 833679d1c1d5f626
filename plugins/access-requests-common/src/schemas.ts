import { z } from 'zod';
import { AccessRequestStatus } from './types';

/** Every status, for query validation. */
export const ACCESS_REQUEST_STATUSES = [
  'pending',
  'active',
  'expired',
  'revoked',
  'rejected',
  'cancelled',
] as const satisfies readonly AccessRequestStatus[];

/**
 * Body of `POST /requests`. The server checks that the target exists and that the duration
 * is one of the target's.
 */
export const createAccessRequestSchema = z
  .object({
    targetId: z.string().trim().min(1).max(255),
    duration: z.string().trim().min(1).max(16),
    reason: z.string().trim().min(10).max(1000),
  })
  .strict();

/** A new access request, as a client sends it. */
export type CreateAccessRequest = z.input<typeof createAccessRequestSchema>;

/**
 * Query of `GET /requests`: a page of the newest requests first. `scope=mine` keeps the
 * caller's own; `all` keeps every request the caller may read.
 */
export const listAccessRequestsQuerySchema = z
  .object({
    scope: z.enum(['mine', 'all']).default('mine'),
    status: z.enum(ACCESS_REQUEST_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Query of `GET /requests`, after defaults. */
export type ListAccessRequestsQuery = z.output<
  typeof listAccessRequestsQuerySchema
>;

/** Body of `POST /requests/:id/cancel`: nothing, or an empty object. */
export const cancelAccessRequestSchema = z.object({}).strict();

/** Body of `POST /requests/:id/revoke`: why the grant ends early. */
export const revokeAccessGrantSchema = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .strict();

/** A revocation, as a client sends it. */
export type RevokeAccessGrant = z.input<typeof revokeAccessGrantSchema>;
