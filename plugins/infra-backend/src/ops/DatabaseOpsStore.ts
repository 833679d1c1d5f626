import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  InfraCatalogSyncReport,
  InfraOpsDailyCount,
  InfraOpsDurations,
  InfraOpsFailure,
  InfraOpsHealth,
  InfraOpsStats,
} from '@internal/plugin-infra-common';
import { Knex } from 'knex';

const REQUESTS = 'infra_requests';
const CATALOG_SYNC = 'infra_catalog_sync';
// The one row of CATALOG_SYNC.
const CATALOG_SYNC_ROW = 1;
// The scheduler keeps the state of global tasks in the plugin's own database; its
// `/.backstage/scheduler/v1/tasks` endpoint reads the same row.
const SCHEDULER_TASKS = 'backstage_backend_tasks__tasks';

// Literals, not bindings: PostgreSQL only matches a GROUP BY expression without parameters.
const OUTCOME = `case when status in ('applied', 'failed', 'rejected', 'expired', 'cancelled', 'superseded') then status else 'open' end`;
const HOUR = 3_600_000;

type Timestamp = Date | number | string;

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Date; the scheduler
// writes SQLite's CURRENT_TIMESTAMP, a UTC 'YYYY-MM-DD HH:MM:SS'.
function toIso(value: Timestamp): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  return new Date(
    /^\d{4}-\d\d-\d\d \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value,
  ).toISOString();
}

// Nearest rank: the smallest value with at least p % of the values at or below it.
const rankOf = (percent: number, n: number) => Math.ceil((percent * n) / 100);

/**
 * The aggregate queries of the operations dashboard, on the infra plugin's tables. Every
 * figure is computed in SQL over the window; only aggregates and at most 10 failures are
 * read. It migrates nothing: `DatabaseInfraStore` owns the tables. It also keeps the catalog
 * provider's last refresh report, one row.
 */
export class DatabaseOpsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOpsStore> {
    return new DatabaseOpsStore(await options.database.getClient());
  }

  private readonly pg: boolean;

  private constructor(private readonly db: Knex) {
    this.pg = db.client.config.client === 'pg';
  }

  // The UTC day of a timestamp column, as YYYY-MM-DD.
  private dayOf(column: string) {
    return this.pg
      ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`
      : `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;
  }

  // Epoch milliseconds of a timestamp column.
  private epochMs(column: string) {
    return this.pg ? `extract(epoch from ${column}) * 1000` : column;
  }

  // A field of the `decision` JSON column, as text.
  private decisionField(field: 'status' | 'decidedAt') {
    return this.pg
      ? `(decision::json ->> '${field}')`
      : `json_extract(decision, '$.${field}')`;
  }

  // Epoch milliseconds of the approval's decision, an ISO string in the JSON.
  private decidedAtMs() {
    const at = this.decisionField('decidedAt');
    return this.pg
      ? `extract(epoch from ${at}::timestamptz) * 1000`
      : `(julianday(${at}) - 2440587.5) * 86400000`;
  }

  /** Request analytics of the requests submitted since `since`, waiting ages at `now`. */
  async stats(since: Date, now: Date): Promise<Omit<InfraOpsStats, 'days'>> {
    const [perDay, submitToApproval, approvalToApplied, failures, waiting] =
      await Promise.all([
        this.perDay(since),
        this.percentiles(this.epochMs('created_at'), this.decidedAtMs(), since),
        this.percentiles(this.decidedAtMs(), this.epochMs('applied_at'), since),
        this.failures(since),
        this.waitingForApproval(now),
      ]);
    return {
      since: since.toISOString(),
      perDay,
      submitToApproval,
      approvalToApplied,
      failures,
      waitingForApproval: waiting,
    };
  }

  private async perDay(since: Date): Promise<InfraOpsDailyCount[]> {
    const day = this.dayOf('created_at');
    const rows: Array<{
      day: string;
      operation: InfraOpsDailyCount['operation'];
      kind: InfraOpsDailyCount['kind'];
      outcome: InfraOpsDailyCount['outcome'];
      count: number | string;
    }> = await this.db(REQUESTS)
      .select(
        this.db.raw(`${day} as day`),
        'operation',
        'kind',
        this.db.raw(`${OUTCOME} as outcome`),
      )
      .count({ count: '*' })
      .where('created_at', '>=', since)
      .groupByRaw(`${day}, operation, kind, ${OUTCOME}`)
      .orderByRaw(`${day}, operation, kind`);
    return rows.map(r => ({ ...r, count: Number(r.count) }));
  }

  // p50 and p95 of `to - from` (epoch ms expressions) over the approved requests submitted
  // since `since`, with window functions, which SQLite (3.25+) and PostgreSQL both have:
  // percentile_cont is PostgreSQL only. Only the two ranked rows leave the database.
  private async percentiles(
    from: string,
    to: string,
    since: Date,
  ): Promise<InfraOpsDurations> {
    const durations = this.db(REQUESTS)
      .select(this.db.raw(`${to} - ${from} as ms`))
      .where('created_at', '>=', since)
      .whereRaw(`${this.decisionField('status')} = 'approved'`)
      .whereRaw(`${from} is not null`)
      .whereRaw(`${to} is not null`);
    const ranked = this.db
      .select(
        'ms',
        this.db.raw('row_number() over (order by ms) as rn'),
        this.db.raw('count(*) over () as n'),
      )
      .from(durations.as('durations'));
    const rows: Array<{
      ms: number | string;
      rn: number | string;
      n: number | string;
    }> = await this.db
      .select('ms', 'rn', 'n')
      .from(ranked.as('ranked'))
      // ceil(p * n / 100) in integer arithmetic, the same on both databases
      .whereRaw('rn = (50 * n + 99) / 100')
      .orWhereRaw('rn = (95 * n + 99) / 100');
    if (rows.length === 0) return { count: 0 };
    const n = Number(rows[0].n);
    const at = (rank: number) =>
      Math.round(Number(rows.find(r => Number(r.rn) === rank)?.ms));
    return { count: n, p50Ms: at(rankOf(50, n)), p95Ms: at(rankOf(95, n)) };
  }

  private async failures(since: Date): Promise<InfraOpsStats['failures']> {
    const [totals]: Array<{
      failed: number | string | null;
      finished: number | string;
    }> = await this.db(REQUESTS)
      .select(
        this.db.raw(
          "sum(case when status = 'failed' then 1 else 0 end) as failed, count(*) as finished",
        ),
      )
      .where('created_at', '>=', since)
      .whereIn('status', ['applied', 'failed']);
    const latest: Array<{
      id: string;
      operation: InfraOpsFailure['operation'];
      kind: InfraOpsFailure['kind'];
      resource_name: string;
      environment: string;
      error: string | null;
      updated_at: Timestamp;
    }> = await this.db(REQUESTS)
      .select(
        'id',
        'operation',
        'kind',
        'resource_name',
        'environment',
        'error',
        'updated_at',
      )
      .where({ status: 'failed' })
      .where('created_at', '>=', since)
      .orderBy([
        { column: 'updated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(10);
    const failed = Number(totals?.failed ?? 0);
    const finished = Number(totals?.finished ?? 0);
    return {
      failed,
      finished,
      rate: finished > 0 ? failed / finished : undefined,
      latest: latest.map(r => ({
        id: r.id,
        operation: r.operation,
        kind: r.kind,
        resourceName: r.resource_name,
        environment: r.environment,
        reason: r.error ?? 'No reason recorded',
        failedAt: toIso(r.updated_at),
      })),
    };
  }

  // A request waiting for approval was last updated when it started to wait. A bucket holds
  // its lower bound: a request that has waited exactly one hour is in 1–24 h.
  private async waitingForApproval(
    now: Date,
  ): Promise<InfraOpsStats['waitingForApproval']> {
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const [row] = await this.db(REQUESTS)
      .select(
        this.db.raw(
          [
            'sum(case when updated_at > ? then 1 else 0 end) as under_hour',
            'sum(case when updated_at <= ? and updated_at > ? then 1 else 0 end) as under_day',
            'sum(case when updated_at <= ? and updated_at > ? then 1 else 0 end) as under_week',
            'sum(case when updated_at <= ? then 1 else 0 end) as over_week',
          ].join(', '),
          [
            ago(HOUR),
            ago(HOUR),
            ago(24 * HOUR),
            ago(24 * HOUR),
            ago(7 * 24 * HOUR),
            ago(7 * 24 * HOUR),
          ],
        ),
      )
      .where({ status: 'awaiting_approval' });
    return {
      underOneHour: Number(row?.under_hour ?? 0),
      oneToTwentyFourHours: Number(row?.under_day ?? 0),
      oneToSevenDays: Number(row?.under_week ?? 0),
      overSevenDays: Number(row?.over_week ?? 0),
    };
  }

  /** Jobs no worker holds: plans unclaimed (or whose worker went silent), approved applies. */
  async queueDepth(
    staleBefore: Date,
  ): Promise<{ plans: number; applies: number }> {
    const [row] = await this.db(REQUESTS)
      .select(
        this.db.raw(
          "sum(case when status = 'planning' and (claimed_by is null or heartbeat_at < ?) then 1 else 0 end) as plans",
          [staleBefore],
        ),
        this.db.raw(
          "sum(case when status = 'approved' then 1 else 0 end) as applies",
        ),
      )
      .whereIn('status', ['planning', 'approved']);
    return {
      plans: Number(row?.plans ?? 0),
      applies: Number(row?.applies ?? 0),
    };
  }

  /** Whether the database answers; the error's message when it does not. */
  async ping(): Promise<{ reachable: boolean; message?: string }> {
    try {
      await this.db.raw('select 1');
      return { reachable: true };
    } catch (error) {
      return { reachable: false, message: String(error) };
    }
  }

  /**
   * The last run of a scheduled task of this plugin, or undefined when the scheduler has no
   * record of it (a local task, or a scheduler that keeps none).
   */
  async lastTaskRun(
    taskId: string,
  ): Promise<{ lastRunEndedAt?: string; lastRunError?: string } | undefined> {
    if (!(await this.db.schema.hasTable(SCHEDULER_TASKS))) return undefined;
    const row:
      | {
          last_run_ended_at: Timestamp | null;
          last_run_error_json: string | null;
        }
      | undefined = await this.db(SCHEDULER_TASKS)
      .select('last_run_ended_at', 'last_run_error_json')
      .where({ id: taskId })
      .first();
    if (!row) return undefined;
    return {
      lastRunEndedAt: row.last_run_ended_at
        ? toIso(row.last_run_ended_at)
        : undefined,
      lastRunError: row.last_run_error_json
        ? errorMessage(row.last_run_error_json)
        : undefined,
    };
  }

  /** Keeps the catalog provider's report of its latest refresh, replacing the one before. */
  async recordCatalogSync(
    report: InfraCatalogSyncReport,
    now: Date,
  ): Promise<void> {
    const previous = await this.db(CATALOG_SYNC)
      .select('last_success_at')
      .where({ id: CATALOG_SYNC_ROW })
      .first();
    await this.db(CATALOG_SYNC)
      .insert({
        id: CATALOG_SYNC_ROW,
        refreshed_at: now,
        succeeded: report.succeeded,
        entities: report.entities ?? null,
        error: report.error ?? null,
        last_success_at: report.succeeded
          ? now
          : previous?.last_success_at ?? null,
      })
      .onConflict('id')
      .merge();
  }

  /** The catalog provider's latest report, for `GET /ops/health`. */
  async lastCatalogSync(): Promise<InfraOpsHealth['catalogProvider']> {
    const row:
      | {
          refreshed_at: Timestamp;
          succeeded: boolean | number;
          entities: number | null;
          error: string | null;
          last_success_at: Timestamp | null;
        }
      | undefined = await this.db(CATALOG_SYNC)
      .where({ id: CATALOG_SYNC_ROW })
      .first();
    if (!row) {
      return {
        state: 'unknown',
        reason: 'The catalog provider has not reported a refresh yet',
      };
    }
    return {
      state: 'known',
      refreshedAt: toIso(row.refreshed_at),
      succeeded: Boolean(row.succeeded),
      ...(row.entities !== null && { entities: Number(row.entities) }),
      ...(row.error !== null && { error: row.error }),
      ...(row.last_success_at !== null && {
        lastSuccessAt: toIso(row.last_success_at),
      }),
    };
  }
}

function errorMessage(json: string): string {
  try {
    const parsed = JSON.parse(json);
    return String(parsed?.message ?? json);
  } catch {
    return json;
  }
}
