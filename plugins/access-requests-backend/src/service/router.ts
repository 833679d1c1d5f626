import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { parseInput, parsePathId } from '@internal/plugin-api-node';
import {
  createAccessRequestsItemSchema,
  listAccessRequestsItemsQuerySchema,
  accessRequestsItemCreatePermission,
  accessRequestsItemPublishPermission,
  accessRequestsItemReadPermission,
} from '@internal/plugin-access-requests-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { ItemsStore } from '../database/ItemsStore';
import { audited } from './audited';
import { ItemPublisher } from './ItemPublisher';

/** What the access-requests router needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: ItemsStore;
  publisher: ItemPublisher;
};

/** The access-requests REST API: `GET /items`, `POST /items`, `POST /items/:id/publish`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, store, publisher } = options;

  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  // Every route authorizes the signed-in user before it reads or changes anything.
  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  router.get('/items', async (req, res) => {
    await authorize(req, accessRequestsItemReadPermission);
    const query = parseInput(listAccessRequestsItemsQuerySchema, req.query);
    res.json(await store.list(query));
  });

  router.get('/items/:id', async (req, res) => {
    await authorize(req, accessRequestsItemReadPermission);
    const id = parsePathId(req.params.id, 'item');
    const item = await store.get(id);
    if (!item) {
      throw new NotFoundError(`No item ${id}`);
    }
    res.json(item);
  });

  router.post('/items', async (req, res) => {
    const credentials = await authorize(req, accessRequestsItemCreatePermission);
    const input = parseInput(createAccessRequestsItemSchema, req.body);
    const item = await audited(
      auditor,
      {
        eventId: 'item-create',
        severityLevel: 'medium',
        request: req,
        meta: { title: input.title },
      },
      () =>
        store.create({
          ...input,
          createdBy: credentials.principal.userEntityRef,
        }),
    );
    res.status(201).json(item);
  });

  // Publishing waits for an approval: this opens it and answers 202 with the waiting item.
  router.post('/items/:id/publish', async (req, res) => {
    const credentials = await authorize(req, accessRequestsItemPublishPermission);
    const id = parsePathId(req.params.id, 'item');
    const item = await audited(
      auditor,
      {
        eventId: 'item-publish-request',
        severityLevel: 'medium',
        request: req,
        meta: { itemId: id },
      },
      () => publisher.request(id, credentials),
    );
    res.status(202).json(item);
  });

  return router;
}
