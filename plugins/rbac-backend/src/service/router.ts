import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { parseInput } from '@internal/plugin-api-node';
import {
  PermissionInfo,
  rbacAccessReadPermission,
} from '@internal/plugin-rbac-common';
import { LiveRbac } from '@internal/plugin-rbac-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { accessMatrix, accessMatrixCsv, matrixUsers } from './accessMatrix';
import { ConditionApplier } from './ConditionApplier';
import { PermissionCatalog, permissionOf } from './PermissionCatalog';
import {
  matrixQuerySchema,
  requiredRolesQuerySchema,
  userAccessQuerySchema,
  whoCanQuerySchema,
} from './querySchemas';
import { requiredRoles } from './requiredRoles';
import { roleViews } from './roleViews';
import { userAccess } from './userAccess';
import { whoCan } from './whoCan';

/** What the rbac router needs. */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The roles in force and the catalog's groups, read again when a user is missing. */
  roles: Pick<LiveRbac, 'engine' | 'ready' | 'refreshGroupsSoon'>;
  catalog: PermissionCatalog;
  applier: ConditionApplier;
};

/** The access page's API: roles, permissions, effective access, who can, the matrix. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, roles, catalog, applier } = options;
  const router = Router();

  const engine = async () => {
    await roles.ready();
    return roles.engine();
  };

  const knownPermission = async (name: string): Promise<PermissionInfo> => {
    const info = await catalog.get(name);
    if (!info) {
      throw new NotFoundError(
        `No installed plugin declares permission ${name}`,
      );
    }
    return info;
  };

  // Everything but /required-roles shows who holds what: admins only.
  async function requireAccessRead(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: rbacAccessReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const granting = (await engine())
        .rolesGranting(rbacAccessReadPermission)
        .map(role => role.name);
      throw new NotAllowedError(
        `Viewing access needs the ${rbacAccessReadPermission.name} permission${
          granting.length
            ? `, which the ${granting.join(', ')} role${
                granting.length > 1 ? 's give' : ' gives'
              }`
            : ''
        }`,
      );
    }
  }

  router.get('/roles', async (req, res) => {
    await requireAccessRead(req);
    res.json({ roles: await roleViews(await engine()) });
  });

  router.get('/permissions', async (req, res) => {
    await requireAccessRead(req);
    res.json({ permissions: await catalog.list() });
  });

  router.get('/access/user', async (req, res) => {
    await requireAccessRead(req);
    const query = parseInput(userAccessQuerySchema, req.query);
    let rbac = await engine();
    if (rbac.groups.size.users === 0) {
      // At start-up the catalog is still ingesting: not knowing anyone is no answer.
      throw new ServiceUnavailableError(
        'The users and groups have not been read from the catalog yet; try again in a few seconds',
      );
    }
    if (!rbac.groups.hasUser(query.userRef)) {
      // The catalog may have ingested them since the groups were last read.
      await roles.refreshGroupsSoon();
      rbac = roles.engine();
    }
    if (!rbac.groups.hasUser(query.userRef)) {
      throw new NotFoundError(`No user ${query.userRef} in the catalog`);
    }
    res.json(userAccess(rbac, await catalog.list(), query.userRef));
  });

  router.get('/access/who', async (req, res) => {
    await requireAccessRead(req);
    const query = parseInput(whoCanQuerySchema, req.query);
    const permission = await knownPermission(query.permission);
    if (query.resourceRef !== undefined && permission.type !== 'resource') {
      throw new InputError(
        `${permission.name} is not about a resource; ask without resourceRef`,
      );
    }
    res.json(
      await whoCan({
        engine: await engine(),
        applier,
        permission,
        resourceRef: query.resourceRef,
        all: query.all,
      }),
    );
  });

  router.get('/matrix', async (req, res) => {
    await requireAccessRead(req);
    const query = parseInput(matrixQuerySchema, req.query);
    const all = await catalog.list();
    const permissionList = query.permission
      ? await Promise.all([...new Set(query.permission)].map(knownPermission))
      : all;
    const rbac = await engine();
    if (query.role && !rbac.config.roles.some(r => r.name === query.role)) {
      throw new NotFoundError(`No role ${query.role}`);
    }
    const users = await matrixUsers(rbac, { q: query.q, role: query.role });
    if (query.format === 'csv') {
      res.type('text/csv').attachment('gantry-access.csv');
      for await (const chunk of accessMatrixCsv(rbac, permissionList, users)) {
        res.write(chunk);
      }
      res.end();
      return;
    }
    res.json(
      accessMatrix(rbac, permissionList, users, {
        offset: query.offset,
        limit: query.limit,
      }),
    );
  });

  // For a friendly denial anywhere in the app: any signed-in user may ask.
  router.get('/required-roles', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const query = parseInput(requiredRolesQuerySchema, req.query);
    const info = await catalog.get(query.permission);
    // A permission no installed plugin lists is matched as the engine would decide it
    // without details: a basic permission without an action.
    const permission = info
      ? permissionOf(info)
      : createPermission({ name: query.permission, attributes: {} });
    res.json(requiredRoles(await engine(), permission));
  });

  return router;
}
