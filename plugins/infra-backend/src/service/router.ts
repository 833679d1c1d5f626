import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createInfraRequestSchema,
  destroyInfraResourceSchema,
  estimateInfraCostSchema,
  infraRequestApplyPermission,
  infraRequestCreatePermission,
  infraRequestReadPermission,
  infraResourceDestroyPermission,
  listInfraQuerySchema,
} from '@internal/plugin-infra-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { InfraRequestFilter } from '@internal/plugin-infra-node';
import { InfraRequestConditions, InfraStore } from '../database/InfraStore';
import {
  auditedAction,
  authorizeConditions,
  isUserCredentials,
  parseInput,
  parsePathId,
} from '@internal/plugin-api-node';
import { AuditStore, readAuditTimeline } from '@internal/plugin-audit-node';
import { estimateCostOfChanges } from '../cost/estimateCost';
import { PriceList } from '../cost/listPrices';
import { requestedChanges } from '../cost/requestedChanges';
import { Clock } from './clock';
import { JobWorker } from './JobWorker';
import { TerraformHealth } from './TerraformHealth';

/** What the infra router needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  store: InfraStore;
  clock: Clock;
  /** Whether Terraform can run here, for `GET /health`. */
  health: Pick<TerraformHealth, 'check'>;
  /** Turns conditional read decisions into the store's SQL filters. */
  transformConditions: ConditionTransformer<InfraRequestFilter>;
  /** Takes queued plans and approved applies; the API only queues them. */
  worker: Pick<JobWorker, 'wake'>;
  /** The central audit trail, for a request's timeline. */
  auditStore: Pick<AuditStore, 'query'>;
  /** The list prices of `POST /estimate`, the same the plans are estimated at. */
  prices: PriceList;
};

/**
 * The one plugin that reads every record of a kind, unfiltered: the search collator indexes
 * the requests (each result is then filtered by the reader's permission), the catalog's
 * provider turns the resources into entities. Other plugins act on behalf of a user.
 */
const SERVICE_READERS = {
  requests: 'plugin:search',
  resources: 'plugin:catalog',
} as const;

const logsQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .strict();

/** The infra REST API under /api/infra; see docs/infra.md. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    userInfo,
    permissions,
    auditor,
    logger,
    store,
    worker,
    transformConditions,
    clock,
    health,
    auditStore,
    prices,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
    message = `Not allowed: ${permission.name}`,
  ) {
    const [decision] = await permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message);
    }
  }

  async function user(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const info = await userInfo.getUserInfo(credentials);
    return { credentials, info };
  }

  // Reads are for people, whose reads are conditional, and for the one plugin that reads
  // every record of a kind, unfiltered (SERVICE_READERS).
  async function reader(req: Request, records: keyof typeof SERVICE_READERS) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { principal } = credentials;
    if (
      principal.type === 'service' &&
      principal.subject !== SERVICE_READERS[records]
    ) {
      throw new NotAllowedError(
        `Only ${SERVICE_READERS[records]} may read every infra ${records.slice(
          0,
          -1,
        )}`,
      );
    }
    return credentials;
  }

  // Reads by plugins (the catalog provider) are not conditional; people's are.
  async function readConditions(
    credentials: BackstageCredentials,
  ): Promise<InfraRequestConditions | undefined | null> {
    if (!isUserCredentials(credentials)) return undefined;
    return authorizeConditions(
      permissions,
      credentials,
      infraRequestReadPermission,
      transformConditions,
    );
  }

  // A request the caller may not read is answered as missing, never as forbidden.
  async function readableRequest(
    id: string,
    credentials: BackstageCredentials,
  ) {
    const conditions = await readConditions(credentials);
    const request =
      conditions === null
        ? undefined
        : await store.getRequest(id, { conditions });
    if (!request) throw new NotFoundError(`No infra request ${id}`);
    return request;
  }

  function requireMember(ownerRef: string, claims: string[]) {
    if (!claims.includes(ownerRef)) {
      throw new NotAllowedError(
        `You can only request resources for a group you belong to (${ownerRef})`,
      );
    }
  }

  router.post('/requests', async (req, res) => {
    const { credentials, info } = await user(req);
    await authorize(credentials, infraRequestCreatePermission);
    const input = parseInput(createInfraRequestSchema, req.body);
    requireMember(input.ownerRef, info.ownershipEntityRefs);
    const created = await store.createRequest(
      {
        operation: 'create',
        kind: input.kind,
        resourceName: input.name,
        environment: input.environment,
        requesterRef: info.userEntityRef,
        ownerRef: input.ownerRef,
        systemRef: input.systemRef,
        justification: input.justification,
        parameters: input.parameters,
      },
      clock.now(),
    );
    // The plan is a job: a worker on any replica takes it; the page follows it live.
    worker.wake();
    res.status(202).json(created);
  });

  // The request form's estimate, before anything is requested: who may not request gets none.
  router.post('/estimate', async (req, res) => {
    const { credentials } = await user(req);
    await authorize(credentials, infraRequestCreatePermission);
    const input = parseInput(estimateInfraCostSchema, req.body);
    res.json(estimateCostOfChanges(requestedChanges(input), prices));
  });

  // Whether requests can be planned here: the request pages and My infrastructure say so
  // before a request fails.
  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await health.check());
  });

  router.get('/requests', async (req, res) => {
    const credentials = await reader(req, 'requests');
    const query = parseInput(listInfraQuerySchema, req.query);
    const conditions = await readConditions(credentials);
    if (conditions === null) {
      throw new NotAllowedError(
        `Not allowed: ${infraRequestReadPermission.name}`,
      );
    }
    const requesterRef =
      isUserCredentials(credentials) && query.mine === 'true'
        ? credentials.principal.userEntityRef
        : undefined;
    res.json(
      await store.listRequests({
        conditions,
        requesterRef,
        kind: query.kind,
        statuses: query.status?.split(',').filter(Boolean) as never,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/requests/:id', async (req, res) => {
    res.json(
      await readableRequest(
        parsePathId(req.params.id, 'infra request'),
        await reader(req, 'requests'),
      ),
    );
  });

  // The request's audit timeline: its own events and its approval's, newest first.
  router.get('/requests/:id/audit', async (req, res) => {
    const request = await readableRequest(
      parsePathId(req.params.id, 'infra request'),
      await reader(req, 'requests'),
    );
    const targets = [request.id];
    if (request.approvalId) targets.push(request.approvalId);
    res.json(await readAuditTimeline(auditStore, targets, req.query));
  });

  router.get('/requests/:id/logs', async (req, res) => {
    const request = await readableRequest(
      parsePathId(req.params.id, 'infra request'),
      await reader(req, 'requests'),
    );
    const query = parseInput(logsQuerySchema, req.query);
    res.json({ items: await store.getLogs(request.id, query) });
  });

  // Asks for the apply of an approved request now, for its requester. Workers take approved
  // requests anyway; the claim makes sure exactly one of them runs it.
  router.post('/requests/:id/apply', async (req, res) => {
    const id = parsePathId(req.params.id, 'infra request');
    const request = await auditedAction(
      { auditor, logger },
      {
        eventId: 'infra-request-apply-dispatch',
        severityLevel: 'high',
        request: req,
        meta: { requestId: id },
      },
      async () => {
        const { credentials, info } = await user(req);
        const readable = await readableRequest(id, credentials);
        await authorize(credentials, infraRequestApplyPermission, id);
        if (readable.requesterRef !== info.userEntityRef) {
          throw new NotAllowedError('Only the requester can start the apply');
        }
        if (readable.status !== 'approved') {
          throw new ConflictError(
            `Request ${id} is ${readable.status}; only an approved request applies`,
          );
        }
        worker.wake();
        return readable;
      },
      woken => ({ status: woken.status }),
    );
    res.status(202).json(request);
  });

  router.get('/resources', async (req, res) => {
    const credentials = await reader(req, 'resources');
    const query = parseInput(listInfraQuerySchema, req.query);
    let ownerRefs: string[] | undefined;
    if (isUserCredentials(credentials) && query.mine === 'true') {
      const info = await userInfo.getUserInfo(credentials);
      ownerRefs = info.ownershipEntityRefs;
    }
    res.json(
      await store.listResources({
        ownerRefs,
        kind: query.kind,
        statuses: query.status?.split(',').filter(Boolean) as never,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/resources/:id', async (req, res) => {
    await reader(req, 'resources');
    const resource = await store.getResource(
      parsePathId(req.params.id, 'resource'),
    );
    if (!resource) throw new NotFoundError(`No resource ${req.params.id}`);
    res.json(resource);
  });

  router.post('/resources/:id/destroy', async (req, res) => {
    const { credentials, info } = await user(req);
    const body = parseInput(destroyInfraResourceSchema, req.body);
    const resource = await store.getResource(
      parsePathId(req.params.id, 'resource'),
    );
    if (!resource) throw new NotFoundError(`No resource ${req.params.id}`);
    // Destroy is decided on the resource's last request: every request for a resource carries
    // its ownerRef, so the infra-request rules (IS_OWNER…) apply to the resource's owner.
    await authorize(
      credentials,
      infraResourceDestroyPermission,
      resource.lastRequestId,
      `You are not allowed to destroy resource ${resource.name} (owned by ${resource.ownerRef})`,
    );
    if (resource.status !== 'active') {
      throw new ConflictError(
        `Resource ${resource.name} is ${resource.status}`,
      );
    }
    if (await store.hasOpenRequest(resource.id)) {
      throw new ConflictError(
        `Resource ${resource.name} already has a request in progress`,
      );
    }
    // The destroy plan needs the configuration the resource was created with.
    const last = await store.getRequest(resource.lastRequestId);
    if (!last) {
      throw new ConflictError(`Resource ${resource.name} has no request`);
    }
    const created = await store.createRequest(
      {
        operation: 'destroy',
        kind: resource.kind,
        resourceName: resource.name,
        environment: resource.environment,
        requesterRef: info.userEntityRef,
        ownerRef: resource.ownerRef,
        systemRef: resource.systemRef,
        justification: body.justification,
        parameters: last.parameters,
        resourceId: resource.id,
      },
      clock.now(),
    );
    await store.updateResource(
      resource.id,
      { lastRequestId: created.id },
      clock.now(),
    );
    worker.wake();
    res.status(202).json(created);
  });

  return router;
}
