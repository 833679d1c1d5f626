import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseInput, requirePluginCaller } from '@internal/plugin-api-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ApprovalsStore } from '../database/ApprovalsStore';

const searchDocumentsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/** The one caller: the search plugin, whose collator indexes the requests. */
const SEARCH_PLUGIN = 'search';

/**
 * `GET /search/requests`: every approval request, oldest first, a page at a time, for the
 * search collator. Only the search plugin may call it: it indexes all requests, and the
 * search backend filters each result by the reader's `approvals.request.read` decision.
 */
export function searchDocumentsRoute(options: {
  httpAuth: HttpAuthService;
  store: Pick<ApprovalsStore, 'list'>;
}): express.Router {
  const { httpAuth, store } = options;
  const router = Router();
  router.get('/search/requests', async (req, res) => {
    await requirePluginCaller(
      httpAuth,
      req,
      SEARCH_PLUGIN,
      'Only the search plugin may list every approval request',
    );
    const query = parseInput(searchDocumentsQuerySchema, req.query);
    res.json(
      await store.list({
        claims: [],
        limit: query.limit,
        cursor: query.cursor,
        order: 'asc',
      }),
    );
  });
  return router;
}
