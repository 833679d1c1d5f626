import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { auditedAction, parseInput } from '@internal/plugin-api-node';
import { auditEventReadPermission } from '@internal/plugin-audit-common';
import { AuditStore, readAuditTimeline } from '@internal/plugin-audit-node';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { exportFormats } from './exportFormats';
import {
  activityQuerySchema,
  eventsQuerySchema,
  exportQuerySchema,
} from './querySchemas';
import { streamResponse } from './streamResponse';

/** What the audit router needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  store: AuditStore;
};

/** The audit trail's API, admins only: search, streamed export, and the chain's verification. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, logger, store } = options;
  const router = Router();

  // A denial is recorded at medium severity: someone looked for the trail without the right.
  // With `targetRef`, the read is of one target's entries, which a conditional grant (an
  // owner's) may allow; without it, of the whole trail, which only an allow gives.
  async function requireRead(
    req: Request,
    queryType: string,
    targetRef?: string,
  ) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = targetRef
      ? await permissions.authorize(
          [{ permission: auditEventReadPermission, resourceRef: targetRef }],
          { credentials },
        )
      : await permissions.authorizeConditional(
          [{ permission: auditEventReadPermission }],
          { credentials },
        );
    if (decision.result === AuthorizeResult.ALLOW) return;
    const error = new NotAllowedError(
      targetRef
        ? `Reading the activity of ${targetRef} needs ${auditEventReadPermission.name}, as an admin or an owner of it`
        : `Reading the audit trail needs ${auditEventReadPermission.name}`,
    );
    const denied = await auditor.createEvent({
      eventId: 'audit-read-denied',
      severityLevel: 'medium',
      request: req,
      meta: {
        queryType,
        permission: auditEventReadPermission.name,
        // Not `targetRef`: that would make a look at an entity's activity part of it.
        ...(targetRef && { about: targetRef }),
      },
    });
    await denied.fail({ error });
    throw error;
  }

  /**
   * One read of the trail: authorized, then audited at low severity, as upstream plugins
   * audit their reads (see auditedAction). `read` answers and returns what the record
   * should add.
   */
  function readRoute(
    path: string,
    queryType: string,
    read: (req: Request, res: Response) => Promise<JsonObject>,
    targetOf?: (req: Request) => string,
  ) {
    router.get(path, async (req, res) => {
      await requireRead(req, queryType, targetOf?.(req));
      await auditedAction(
        { auditor, logger },
        {
          eventId: 'audit-read',
          severityLevel: 'low',
          request: req,
          meta: { queryType },
        },
        () => read(req, res),
        meta => meta,
      );
    });
  }

  readRoute('/events', 'events', async (req, res) => {
    const query = parseInput(eventsQuerySchema, req.query);
    const page = await store.query(query);
    res.json(page);
    return { query, count: page.items.length };
  });

  // One entity's activity, for its card: the trail's entries about it, newest first.
  readRoute(
    '/activity',
    'activity',
    async (req, res) => {
      const { entityRef } = parseInput(activityQuerySchema, req.query);
      const result = await readAuditTimeline(store, [entityRef], req.query);
      res.json(result);
      return { about: entityRef, count: result.items.length };
    },
    req => parseInput(activityQuerySchema, req.query).entityRef,
  );

  readRoute('/events/export', 'export', async (req, res) => {
    const { format, ...filters } = parseInput(exportQuerySchema, req.query);
    const exporter = exportFormats[format];
    // attachment() sets a type from the file's extension, so the real one goes after it.
    res.attachment(exporter.filename).type(exporter.contentType);
    const { rows, disconnected } = await streamResponse(
      res,
      store.stream(filters),
      exporter.row,
      exporter.header,
    );
    return { query: { ...filters, format }, rows, disconnected };
  });

  readRoute('/verify', 'verify', async (_req, res) => {
    const verification = await store.verify();
    res.json(verification);
    return { verification };
  });

  return router;
}
