import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  ConflictError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  ApprovalRequest,
  approvalsRequestCancelPermission,
  approvalsRequestDecidePermission,
  approvalsRequestReadPermission,
  cancelApprovalSchema,
  createApprovalRequestForSchema,
  createApprovalRequestSchema,
  decideApprovalSchema,
  listApprovalRequestsQuerySchema,
  reportExecutionSchema,
  withdrawApprovalSchema,
} from '@internal/plugin-approvals-common';
import { ApprovalRequestFilter } from '@internal/plugin-approvals-node';
import { AuditStore, readAuditTimeline } from '@internal/plugin-audit-node';
import {
  auditedAction,
  authorizeConditions,
  canonicalJson,
  isUserCredentials,
  parseInput,
  parsePathId,
} from '@internal/plugin-api-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { ApprovalsStore } from '../database/ApprovalsStore';
import { answerCommitted } from './afterCommit';
import { ApprovalsNotifier } from './ApprovalsNotifier';
import { ApproverDirectory, isInApproverSet } from './ApproverDirectory';
import { searchDocumentsRoute } from './searchDocumentsRoute';

/** What the approvals router needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: ApprovalsStore;
  directory: ApproverDirectory;
  notifier: ApprovalsNotifier;
  transformConditions: ConditionTransformer<ApprovalRequestFilter>;
  /** The central audit trail, for a request's timeline. */
  auditStore: Pick<AuditStore, 'query'>;
  logger: LoggerService;
  now?: () => Date;
};

/** sha256 over the canonical JSON of a payload. */
export function hashPayload(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/** The approvals REST API; see docs/approvals-api.md. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    userInfo,
    permissions,
    auditor,
    store,
    directory,
    notifier,
    transformConditions,
    auditStore,
    logger,
  } = options;
  const now = options.now ?? (() => new Date());

  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(searchDocumentsRoute({ httpAuth, store }));

  async function asUser(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const info = await userInfo.getUserInfo(credentials);
    return {
      credentials,
      userRef: info.userEntityRef,
      claims: info.ownershipEntityRefs,
    };
  }

  // People decide and cancel themselves; a plugin acting for them may not.
  function requireDirectUser(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) {
    if (credentials.principal.actor) {
      throw new NotAllowedError(
        'Only the user themselves can take this action, not a plugin on their behalf',
      );
    }
  }

  /** The read decision as SQL conditions; `null` when reading is denied. */
  const readConditions = (credentials: BackstageCredentials) =>
    authorizeConditions(
      permissions,
      credentials,
      approvalsRequestReadPermission,
      transformConditions,
    );

  async function readableRequest(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest> {
    const conditions = await readConditions(credentials);
    const request =
      conditions === null ? undefined : await store.get(id, { conditions });
    if (!request) {
      throw new NotFoundError(`No approval request ${id}`);
    }
    return request;
  }

  /**
   * Passes when the calling plugin opened the request: only that plugin withdraws it or
   * reports its execution. 404 for an unknown request, 403 for any other plugin.
   */
  async function requireOpenedByCaller(
    id: string,
    credentials: BackstageCredentials<BackstageServicePrincipal>,
    action: string,
  ): Promise<void> {
    const request = await store.get(id);
    if (!request) {
      throw new NotFoundError(`No approval request ${id}`);
    }
    if (request.createdBy !== credentials.principal.subject) {
      throw new NotAllowedError(
        `Only the plugin that opened this request can ${action}`,
      );
    }
  }

  async function allowedOn(
    permission:
      | typeof approvalsRequestDecidePermission
      | typeof approvalsRequestCancelPermission,
    id: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: id }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The request with what `userRef` may do on it now, so a page can show it as it stands. */
  async function withViewer(
    request: ApprovalRequest,
    userRef: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest> {
    const isRequester = request.requesterRef === userRef;
    const isApprover = isInApproverSet(
      request.approvers,
      await directory.currentClaims(userRef),
    );
    const hasVoted = await store.hasVoted(request.id, userRef);
    const open =
      request.status === 'pending' && new Date(request.expiresAt) > now();
    const [canDecide, canCancel] = await Promise.all([
      open && !isRequester && isApprover && !hasVoted
        ? allowedOn(approvalsRequestDecidePermission, request.id, credentials)
        : false,
      request.status === 'pending'
        ? allowedOn(approvalsRequestCancelPermission, request.id, credentials)
        : false,
    ]);
    return {
      ...request,
      viewer: { isRequester, isApprover, hasVoted, canDecide, canCancel },
    };
  }

  router.get('/requests', async (req, res) => {
    const query = parseInput(listApprovalRequestsQuerySchema, req.query);
    const { credentials, userRef, claims } = await asUser(req);
    const conditions = await readConditions(credentials);
    if (conditions === null) {
      res.json({ items: [] });
      return;
    }
    res.json(
      await store.list({
        userRef,
        claims,
        mine: query.mine === 'true',
        assignedToMe: query.assignedToMe === 'true',
        status: query.status,
        kind: query.kind,
        limit: query.limit,
        cursor: query.cursor,
        order: query.order,
        conditions,
      }),
    );
  });

  router.get('/summary', async (req, res) => {
    const { userRef, claims } = await asUser(req);
    res.json({
      pendingAssignedToMe: await store.countPendingAssigned({
        userRef,
        claims,
        now: now(),
      }),
    });
  });

  // The request's audit timeline, newest first, for whoever may read the request.
  router.get('/requests/:id/audit', async (req, res) => {
    const id = parsePathId(req.params.id, 'approval request');
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const request = await readableRequest(id, credentials);
    res.json(await readAuditTimeline(auditStore, [request.id], req.query));
  });

  router.get('/requests/:id', async (req, res) => {
    const id = parsePathId(req.params.id, 'approval request');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (!isUserCredentials(credentials)) {
      const request = await store.get(id);
      if (!request) throw new NotFoundError(`No approval request ${id}`);
      res.json(request);
      return;
    }
    const { userEntityRef: userRef } = await userInfo.getUserInfo(credentials);
    const request = await readableRequest(id, credentials);
    res.json(await withViewer(request, userRef, credentials));
  });

  router.post('/requests', async (req, res) => {
    const created = await auditedAction(
      { auditor, logger },
      {
        eventId: 'approval-request-create',
        severityLevel: 'medium',
        request: req,
      },
      async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        let input;
        let requesterRef: string;
        let createdBy: string;
        if (credentials.principal.type === 'service') {
          // A plugin on its own, for a user who asked earlier (e.g. a re-plan).
          input = parseInput(createApprovalRequestForSchema, req.body);
          requesterRef = input.requesterRef;
          createdBy = credentials.principal.subject;
        } else {
          const principal = credentials.principal;
          if (!principal.actor) {
            throw new NotAllowedError(
              "Approval requests are opened by a plugin on a user's behalf, not by users directly",
            );
          }
          input = parseInput(createApprovalRequestSchema, req.body);
          requesterRef = principal.userEntityRef;
          createdBy = principal.actor.subject;
        }
        return store.create(
          {
            kind: input.kind,
            title: input.title,
            summary: input.summary,
            requesterRef,
            onBehalfOfRef: input.onBehalfOfRef,
            createdBy,
            approvers: input.approvers,
            quorum: input.quorum,
            expiresAt: DateTime.fromJSDate(now())
              .plus({ seconds: input.expiresInSeconds })
              .toJSDate(),
            payload: input.payload,
            payloadHash: hashPayload(input.payload),
            details: input.details,
            links: input.links,
          },
          now(),
        );
      },
      done => ({
        requestId: done.id,
        kind: done.kind,
        requester: done.requesterRef,
        createdBy: done.createdBy,
        payloadHash: done.payloadHash,
      }),
    );
    // Committed (see auditedAction): from here on the answer is the created request.
    await notifier.opened(created);
    res.status(201).json(created);
  });

  router.post('/requests/:id/decision', async (req, res) => {
    const id = req.params.id;
    const vote = await auditedAction(
      { auditor, logger },
      {
        eventId: 'approval-request-decide',
        severityLevel: 'high',
        request: req,
        meta: { requestId: id },
      },
      async () => {
        parsePathId(id, 'approval request');
        const body = parseInput(decideApprovalSchema, req.body);
        const caller = await asUser(req);
        const { credentials, userRef } = caller;
        requireDirectUser(credentials);
        const request = await readableRequest(id, credentials);
        if (request.requesterRef === userRef) {
          throw new NotAllowedError('You cannot decide your own request');
        }
        if (
          !(await allowedOn(approvalsRequestDecidePermission, id, credentials))
        ) {
          throw new NotAllowedError('You may not decide approval requests');
        }
        if (
          !isInApproverSet(
            request.approvers,
            await directory.currentClaims(userRef),
          )
        ) {
          throw new NotAllowedError('You are not an approver of this request');
        }
        const outcome = await store.decide(id, userRef, body, now());
        if (outcome.result === 'expired') {
          await notifier.closed(
            outcome.request,
            'The request expired before a decision.',
          );
          throw new ConflictError('The request has expired');
        }
        return { body, caller, outcome };
      },
      done => ({
        requestId: id,
        decision: done.body.decision,
        // The timeline shows who decided and why; redaction still applies to it.
        ...(done.body.comment && { comment: done.body.comment }),
        status: done.outcome.request.status,
        approvals: done.outcome.request.approvals,
        quorum: done.outcome.request.quorum,
      }),
    );
    const { body, caller, outcome } = vote;
    // The vote is committed: from here on the answer is its outcome, even when a follow-up
    // step fails, e.g. while this replica shuts down (see afterCommit.ts).
    const decided = outcome.request;
    const { credentials, userRef } = caller;
    await notifier.voted(decided, userRef, body.decision);
    // The updated request, so the decider's page shows the outcome without a reload.
    res.json(
      await answerCommitted(
        () => withViewer(decided, userRef, credentials),
        // What the checks before the vote established; cancelling is left to a reload.
        () => ({
          ...decided,
          viewer: {
            isRequester: false,
            isApprover: true,
            hasVoted: true,
            canDecide: false,
            canCancel: false,
          },
        }),
        logger,
      ),
    );
  });

  router.post('/requests/:id/cancel', async (req, res) => {
    const id = req.params.id;
    const cancellation = await auditedAction(
      { auditor, logger },
      {
        eventId: 'approval-request-cancel',
        severityLevel: 'medium',
        request: req,
        meta: { requestId: id },
      },
      async () => {
        parsePathId(id, 'approval request');
        const body = parseInput(cancelApprovalSchema, req.body ?? {});
        const caller = await asUser(req);
        const { credentials, userRef } = caller;
        requireDirectUser(credentials);
        await readableRequest(id, credentials);
        if (
          !(await allowedOn(approvalsRequestCancelPermission, id, credentials))
        ) {
          throw new NotAllowedError(
            'Only the requester or an admin can cancel this request',
          );
        }
        const cancelled = await store.cancel(id, userRef, body.comment, now());
        return { cancelled, caller };
      },
      () => ({ requestId: id, status: 'cancelled' }),
    );
    const { cancelled, caller } = cancellation;
    // Committed: from here on the answer is the cancelled request (see afterCommit.ts).
    const { credentials, userRef } = caller;
    await notifier.closed(cancelled, `Cancelled by ${userRef}.`);
    res.json(
      await answerCommitted(
        () => withViewer(cancelled, userRef, credentials),
        // Without `viewer` a page offers no action, and a cancelled request allows none.
        () => cancelled,
        logger,
      ),
    );
  });

  // The plugin that opened a request withdraws it while it waits, e.g. because the user
  // cancelled what it was for on that plugin's page. No other plugin may (requireOpenedByCaller).
  router.post('/requests/:id/withdrawal', async (req, res) => {
    const id = req.params.id;
    const withdrawal = await auditedAction(
      { auditor, logger },
      {
        eventId: 'approval-request-withdraw',
        severityLevel: 'medium',
        request: req,
        meta: { requestId: id },
      },
      async () => {
        parsePathId(id, 'approval request');
        const credentials = await httpAuth.credentials(req, {
          allow: ['service'],
        });
        const { comment } = parseInput(withdrawApprovalSchema, req.body);
        await requireOpenedByCaller(id, credentials, 'withdraw it');
        const withdrawn = await store.cancel(
          id,
          credentials.principal.subject,
          comment,
          now(),
        );
        return { withdrawn, comment };
      },
      done => ({ requestId: id, status: 'cancelled', comment: done.comment }),
    );
    const { withdrawn, comment } = withdrawal;
    // Committed (see auditedAction): from here on the answer is the withdrawn request.
    await notifier.closed(withdrawn, comment);
    res.json(withdrawn);
  });

  // The plugin that opened an approved request reports how carrying it out goes; another
  // plugin could otherwise use up its single `executing` or close it (requireOpenedByCaller).
  router.post('/requests/:id/execution', async (req, res) => {
    const id = req.params.id;
    const { body, updated } = await auditedAction(
      { auditor, logger },
      {
        eventId: 'approval-request-execution',
        severityLevel: 'medium',
        request: req,
        meta: { requestId: id },
      },
      async () => {
        parsePathId(id, 'approval request');
        const credentials = await httpAuth.credentials(req, {
          allow: ['service'],
        });
        const report = parseInput(reportExecutionSchema, req.body);
        await requireOpenedByCaller(id, credentials, 'report its execution');
        return {
          body: report,
          updated: await store.reportExecution(
            id,
            { ...report, actorRef: credentials.principal.subject },
            now(),
          ),
        };
      },
      done => ({ requestId: id, status: done.updated.status }),
    );
    // Committed (see auditedAction): from here on the answer is the updated request.
    if (body.status === 'executing') {
      await notifier.changed(updated);
    } else {
      await notifier.closed(
        updated,
        body.comment ?? `Execution ${body.status}.`,
      );
    }
    res.json(updated);
  });

  return router;
}
