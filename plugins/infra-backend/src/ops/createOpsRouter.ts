import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseInput, requirePluginCaller } from '@internal/plugin-api-node';
import {
  infraCatalogSyncReportSchema,
  InfraOpsHealth,
  InfraOpsStats,
  infraOpsReadPermission,
  infraOpsStatsQuerySchema,
} from '@internal/plugin-infra-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { Clock } from '../service/clock';
import { JobWorker } from '../service/JobWorker';
import { TerraformHealth } from '../service/TerraformHealth';
import { DatabaseOpsStore } from './DatabaseOpsStore';

/** The one caller of `POST /ops/catalog-sync`: the catalog backend, where the provider runs. */
const CATALOG_PLUGIN = 'catalog';

/** The id the sweeper is scheduled under (`scheduleSweeper`). */
const SWEEPER_TASK_ID = 'infra-sweeper';

/** What the operations dashboard's routes need. */
export type OpsRouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: Pick<
    DatabaseOpsStore,
    | 'stats'
    | 'queueDepth'
    | 'ping'
    | 'lastTaskRun'
    | 'recordCatalogSync'
    | 'lastCatalogSync'
  >;
  clock: Clock;
  /** The same check as `GET /health`. */
  health: Pick<TerraformHealth, 'check'>;
  /** This replica's job workers. */
  worker: Pick<JobWorker, 'running'>;
  /** `infra.jobs`: how many workers this replica has, and when a job's worker is dead. */
  jobs: { workers: number; staleAfterMs: number };
};

/**
 * `GET /ops/stats` and `GET /ops/health` under /api/infra, for `infra.ops.read`; and
 * `POST /ops/catalog-sync`, where the catalog provider reports each refresh.
 */
export async function createOpsRouter(
  options: OpsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store, clock, health, worker, jobs } = options;
  const router = Router();

  async function authorize(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: infraOpsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${infraOpsReadPermission.name}`);
    }
  }

  router.get('/ops/stats', async (req, res) => {
    await authorize(req);
    const { days } = parseInput(infraOpsStatsQuerySchema, req.query);
    const now = clock.now();
    const since = DateTime.fromJSDate(now, { zone: 'utc' })
      .startOf('day')
      .minus({ days: days - 1 })
      .toJSDate();
    const stats: InfraOpsStats = { days, ...(await store.stats(since, now)) };
    res.json(stats);
  });

  router.get('/ops/health', async (req, res) => {
    await authorize(req);
    const staleBefore = new Date(clock.now().getTime() - jobs.staleAfterMs);
    const database = await store.ping();
    const [terraform, queue, sweep, catalogProvider] = await Promise.all([
      health.check(),
      database.reachable
        ? store.queueDepth(staleBefore)
        : { plans: 0, applies: 0 },
      database.reachable ? store.lastTaskRun(SWEEPER_TASK_ID) : undefined,
      database.reachable
        ? store.lastCatalogSync()
        : {
            state: 'unknown' as const,
            reason: 'The database is unreachable',
          },
    ]);
    const busy = worker.running;
    const body: InfraOpsHealth = {
      terraform: terraform.terraform,
      workers: {
        total: jobs.workers,
        busy,
        idle: Math.max(0, jobs.workers - busy),
      },
      queue,
      sweeper: sweep ? { state: 'known', ...sweep } : { state: 'unknown' },
      database,
      catalogProvider,
    };
    res.json(body);
  });

  router.post('/ops/catalog-sync', async (req, res) => {
    await requirePluginCaller(
      httpAuth,
      req,
      CATALOG_PLUGIN,
      'Only the catalog backend reports catalog refreshes',
    );
    const report = parseInput(infraCatalogSyncReportSchema, req.body);
    await store.recordCatalogSync(report, clock.now());
    res.status(204).end();
  });

  return router;
}
