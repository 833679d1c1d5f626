import { z } from 'zod';

/** Body of `POST /items`. */
export const createAccessRequestsItemSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000).optional(),
  })
  .strict();

/** Input of a new item, as a client sends it. */
export type CreateAccessRequestsItem = z.input<typeof createAccessRequestsItemSchema>;

/** Query of `GET /items`: a page of the newest items first. */
export const listAccessRequestsItemsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Query of `GET /items`, after defaults. */
export type ListAccessRequestsItemsQuery = z.output<
  typeof listAccessRequestsItemsQuerySchema
>;
