import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  AccessRequest,
  AccessTarget,
  accessGrantRevokePermission,
  accessRequestCancelPermission,
  accessRequestCreatePermission,
  accessRequestReadPermission,
  cancelAccessRequestSchema,
  createAccessRequestSchema,
  listAccessRequestsQuerySchema,
  revokeAccessGrantSchema,
} from '@internal/plugin-access-requests-common';
import {
  auditedAction,
  authorizeConditions,
  parseInput,
  parsePathId,
} from '@internal/plugin-api-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { AccessRequestsStore } from '../database/AccessRequestsStore';
import { AccessRequestFilter } from '../permissions/permissionRules';
import { AccessRequestOpener } from './AccessRequestOpener';
import { activeGrantsRoute } from './activeGrantsRoute';
import { GrantAnnouncer } from './GrantAnnouncer';

/** What the access-requests router needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  store: AccessRequestsStore;
  opener: AccessRequestOpener;
  announcer: GrantAnnouncer;
  targets: AccessTarget[];
  transformConditions: ConditionTransformer<AccessRequestFilter>;
  now: () => Date;
};

/** The access-requests REST API; see docs/access-requests.md. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    auditor,
    logger,
    store,
    opener,
    announcer,
    targets,
    transformConditions,
    now,
  } = options;

  const router = Router();
  router.use(express.json({ limit: '100kb' }));
  router.use(activeGrantsRoute({ httpAuth, store, now }));

  const asUser = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  /** A resource permission's decision as SQL conditions; `null` when it is denied. */
  const conditionsFor = (
    permission:
      | typeof accessRequestReadPermission
      | typeof accessRequestCancelPermission
      | typeof accessGrantRevokePermission,
    credentials: BackstageCredentials,
  ) =>
    authorizeConditions(
      permissions,
      credentials,
      permission,
      transformConditions,
    );

  /** The request if the caller may read it; a 404 otherwise, as if it did not exist. */
  async function readableRequest(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<AccessRequest> {
    const conditions = await conditionsFor(
      accessRequestReadPermission,
      credentials,
    );
    const request =
      conditions === null ? undefined : await store.get(id, { conditions });
    if (!request) throw new NotFoundError(`No access request ${id}`);
    return request;
  }

  /** A request the caller may read and act on with `permission`; 404 or 403 otherwise. */
  async function requestToActOn(
    id: string,
    credentials: BackstageCredentials,
    permission:
      | typeof accessRequestCancelPermission
      | typeof accessGrantRevokePermission,
    refusal: string,
  ): Promise<AccessRequest> {
    const request = await readableRequest(id, credentials);
    const conditions = await conditionsFor(permission, credentials);
    if (conditions === null || !(await store.get(id, { conditions }))) {
      throw new NotAllowedError(refusal);
    }
    return request;
  }

  router.get('/targets', async (req, res) => {
    await asUser(req);
    res.json({ items: targets });
  });

  router.get('/requests', async (req, res) => {
    const credentials = await asUser(req);
    const query = parseInput(listAccessRequestsQuerySchema, req.query);
    const conditions = await conditionsFor(
      accessRequestReadPermission,
      credentials,
    );
    if (conditions === null) {
      res.json({ items: [] });
      return;
    }
    res.json(
      await store.list({
        requester:
          query.scope === 'mine'
            ? credentials.principal.userEntityRef
            : undefined,
        status: query.status,
        conditions,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/requests/:id', async (req, res) => {
    const credentials = await asUser(req);
    const id = parsePathId(req.params.id, 'access request');
    res.json(await readableRequest(id, credentials));
  });

  router.post('/requests', async (req, res) => {
    const credentials = await asUser(req);
    const [decision] = await permissions.authorize(
      [{ permission: accessRequestCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${accessRequestCreatePermission.name}`,
      );
    }
    const input = parseInput(createAccessRequestSchema, req.body);
    const created = await auditedAction(
      { auditor, logger },
      {
        eventId: 'access-request-create',
        severityLevel: 'medium',
        request: req,
        meta: { targetId: input.targetId, duration: input.duration },
      },
      () => opener.open(input, credentials),
      request => ({
        requestId: request.id,
        targetId: request.targetId,
        duration: request.duration,
        ...(request.approvalId && { approvalId: request.approvalId }),
      }),
    );
    res.status(201).json(created);
  });

  router.post('/requests/:id/cancel', async (req, res) => {
    const credentials = await asUser(req);
    const id = parsePathId(req.params.id, 'access request');
    parseInput(cancelAccessRequestSchema, req.body ?? {});
    const cancelled = await auditedAction(
      { auditor, logger },
      {
        eventId: 'access-request-cancel',
        severityLevel: 'medium',
        request: req,
        meta: { requestId: id },
      },
      async () => {
        const request = await requestToActOn(
          id,
          credentials,
          accessRequestCancelPermission,
          'Only the requester or an admin can cancel this request',
        );
        if (request.status !== 'pending') {
          throw new ConflictError(
            `Only a pending request can be cancelled; this one is ${request.status}`,
          );
        }
        const at = now();
        const moved = await store.transition(
          id,
          'pending',
          'cancelled',
          {
            decidedBy: credentials.principal.userEntityRef,
            decidedAt: at.toISOString(),
          },
          at,
        );
        if (!moved) {
          throw new ConflictError('The request was decided meanwhile');
        }
        return moved;
      },
    );
    await opener.withdrawApproval(
      cancelled,
      credentials.principal.userEntityRef,
    );
    res.json(cancelled);
  });

  router.post('/requests/:id/revoke', async (req, res) => {
    const credentials = await asUser(req);
    const id = parsePathId(req.params.id, 'access request');
    const body = parseInput(revokeAccessGrantSchema, req.body);
    const revoked = await auditedAction(
      { auditor, logger },
      {
        eventId: 'access-grant-revoke',
        severityLevel: 'high',
        request: req,
        meta: { requestId: id, reason: body.reason },
      },
      async () => {
        const request = await requestToActOn(
          id,
          credentials,
          accessGrantRevokePermission,
          `Missing permission ${accessGrantRevokePermission.name}`,
        );
        if (request.status !== 'active') {
          throw new ConflictError(
            `Only an active grant can be revoked; this one is ${request.status}`,
          );
        }
        const at = now();
        const moved = await store.transition(
          id,
          'active',
          'revoked',
          {
            revokedBy: credentials.principal.userEntityRef,
            revokedAt: at.toISOString(),
            revokeReason: body.reason,
          },
          at,
        );
        if (!moved) {
          throw new ConflictError('The grant ended meanwhile');
        }
        return moved;
      },
      request => ({
        requestId: request.id,
        requester: request.requester,
        targetId: request.targetId,
      }),
    );
    // After the commit, so that readers fetching on the event see the revocation.
    await announcer.changed(revoked);
    res.json(revoked);
  });

  return router;
}
