import { HttpAuthService } from '@backstage/backend-plugin-api';
import { requirePluginCaller } from '@internal/plugin-api-node';
import {
  TEMPORARY_GRANTS_PATH,
  TemporaryGrantList,
} from '@internal/plugin-rbac-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessRequestsStore } from '../database/AccessRequestsStore';

/** The plugins that decide or show permissions, and so read every active grant. */
const GRANT_READERS = ['permission', 'rbac'] as const;

/**
 * `GET /grants/active`: every grant in force now, for the permission policy and the access
 * page. Only those plugins may call it; users read grants through `GET /requests`.
 */
export function activeGrantsRoute(options: {
  httpAuth: HttpAuthService;
  store: Pick<AccessRequestsStore, 'listActiveGrants'>;
  now: () => Date;
}): express.Router {
  const { httpAuth, store, now } = options;
  const router = Router();
  router.get(TEMPORARY_GRANTS_PATH, async (req, res) => {
    await requirePluginCaller(
      httpAuth,
      req,
      GRANT_READERS,
      'Only the permission and rbac plugins may list the active grants',
    );
    const body: TemporaryGrantList = {
      items: await store.listActiveGrants(now()),
    };
    res.json(body);
  });
  return router;
}
