import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  applyPermissionCriteria,
  decodeCursor,
  encodeCursor,
  isUniqueViolation,
} from '@internal/plugin-api-node';
import {
  InfraLogLine,
  InfraPage,
  InfraRequest,
  InfraRequestStatus,
  InfraResource,
  OPEN_INFRA_REQUEST_STATUSES,
  readStoredPlanReview,
} from '@internal/plugin-infra-common';
import { InfraRequestFilter } from '@internal/plugin-infra-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  InfraRequestConditions,
  InfraRequestPatch,
  InfraStore,
  ListInfraRequestsOptions,
  ListInfraResourcesOptions,
  NewInfraRequest,
} from './InfraStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-infra-backend',
  'migrations',
);

const REQUESTS = 'infra_requests';
const RESOURCES = 'infra_resources';
const LOGS = 'infra_logs';
const APPROVERS = 'infra_request_approvers';

type Timestamp = Date | number | string;

type RequestRow = {
  id: string;
  operation: InfraRequest['operation'];
  kind: InfraRequest['kind'];
  resource_id: string;
  resource_name: string;
  environment: InfraRequest['environment'];
  requester_ref: string;
  owner_ref: string;
  system_ref: string | null;
  justification: string;
  parameters: string;
  status: InfraRequestStatus;
  approval_id: string | null;
  plan_hash: string | null;
  plan_summary: string | null;
  guardrails: string | null;
  cost_estimate: string | null;
  decision: string | null;
  outputs: string | null;
  error: string | null;
  superseded_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  apply_started_at: Timestamp | null;
  applied_at: Timestamp | null;
};

type ResourceRow = {
  id: string;
  kind: InfraResource['kind'];
  name: string;
  environment: InfraResource['environment'];
  owner_ref: string;
  system_ref: string | null;
  status: InfraResource['status'];
  outputs: string;
  last_request_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

// Every column but the plan file, which only the apply reads.
const REQUEST_COLUMNS = [
  'id',
  'operation',
  'kind',
  'resource_id',
  'resource_name',
  'environment',
  'requester_ref',
  'owner_ref',
  'system_ref',
  'justification',
  'parameters',
  'status',
  'approval_id',
  'plan_hash',
  'plan_summary',
  'guardrails',
  'cost_estimate',
  'decision',
  'outputs',
  'error',
  'superseded_by',
  'created_at',
  'updated_at',
  'apply_started_at',
  'applied_at',
];

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Date.
const toDate = (value: Timestamp) =>
  value instanceof Date ? value : new Date(value);
const toIso = (value: Timestamp | null) =>
  value === null ? undefined : toDate(value).toISOString();

function toRequest(row: RequestRow, approverRefs: string[]): InfraRequest {
  return {
    id: row.id,
    operation: row.operation,
    kind: row.kind,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    environment: row.environment,
    requesterRef: row.requester_ref,
    ownerRef: row.owner_ref,
    systemRef: row.system_ref ?? undefined,
    justification: row.justification,
    parameters: JSON.parse(row.parameters),
    status: row.status,
    approvalId: row.approval_id ?? undefined,
    approverRefs,
    planHash: row.plan_hash ?? undefined,
    // Rows planned before version 2 hold a summary without diffs; read as version 2.
    planSummary: row.plan_summary
      ? readStoredPlanReview(JSON.parse(row.plan_summary))
      : undefined,
    guardrails: row.guardrails ? JSON.parse(row.guardrails) : undefined,
    costEstimate: row.cost_estimate ? JSON.parse(row.cost_estimate) : undefined,
    decision: row.decision ? JSON.parse(row.decision) : undefined,
    outputs: row.outputs ? JSON.parse(row.outputs) : undefined,
    error: row.error ?? undefined,
    supersededBy: row.superseded_by ?? undefined,
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    applyStartedAt: toIso(row.apply_started_at),
    appliedAt: toIso(row.applied_at),
  };
}

function toResource(row: ResourceRow): InfraResource {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    environment: row.environment,
    ownerRef: row.owner_ref,
    systemRef: row.system_ref ?? undefined,
    status: row.status,
    outputs: JSON.parse(row.outputs),
    lastRequestId: row.last_request_id,
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
  };
}

// Newest first, keyset-paginated on (created_at, id).
function page<Row extends { created_at: Timestamp; id: string }>(
  query: Knex.QueryBuilder,
  options: { limit: number; cursor?: string },
) {
  if (options.cursor) {
    const { t, id } = decodeCursor(options.cursor);
    const at = new Date(t);
    query.where(inner =>
      inner
        .where('created_at', '<', at)
        .orWhere(same =>
          same.where('created_at', '=', at).where('id', '<', id),
        ),
    );
  }
  return query
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(options.limit + 1) as unknown as Promise<Row[]>;
}

function pageOf<Row extends { created_at: Timestamp; id: string }, T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
): InfraPage<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ t: toDate(last.created_at).getTime(), id: last.id })
        : undefined,
  };
}

// One permission filter on requests as SQL.
function requestFilter(query: Knex.QueryBuilder, filter: InfraRequestFilter) {
  switch (filter.field) {
    case 'requester':
      query.whereIn(`${REQUESTS}.requester_ref`, filter.refs);
      return;
    case 'owner':
      query.whereIn(`${REQUESTS}.owner_ref`, filter.refs);
      return;
    case 'approver': {
      const client = (query as unknown as { client: Knex.Client }).client;
      const ids = client
        .queryBuilder()
        .select(`${APPROVERS}.request_id`)
        .from(APPROVERS)
        .whereIn(`${APPROVERS}.approver_ref`, filter.refs);
      if (client.config.client === 'pg') {
        // `= any(array(...))` runs the subquery once, so PostgreSQL still combines index
        // lookups for the other arms of an anyOf; `in (subquery)` made it scan every row
        // (bench:rbac, 100k requests: 158 ms to 1 ms a page).
        query.whereRaw('?? = any(array(?))', [`${REQUESTS}.id`, ids]);
      } else {
        query.whereIn(`${REQUESTS}.id`, ids);
      }
      return;
    }
    default:
      // A filter this store does not know matches nothing: fail closed.
      query.whereRaw('1 = 0');
  }
}

/** {@link InfraStore} on knex: PostgreSQL in production, SQLite in development. */
export class DatabaseInfraStore implements InfraStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseInfraStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseInfraStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async createRequest(
    input: NewInfraRequest & { resourceId?: string },
    now: Date,
  ): Promise<InfraRequest> {
    const id = randomUUID();
    const resourceId = input.resourceId ?? randomUUID();
    await this.db.transaction(async tx => {
      if (input.operation === 'create' && !input.resourceId) {
        try {
          await tx(RESOURCES).insert({
            id: resourceId,
            kind: input.kind,
            name: input.resourceName,
            environment: input.environment,
            owner_ref: input.ownerRef,
            system_ref: input.systemRef ?? null,
            status: 'pending',
            outputs: '{}',
            last_request_id: id,
            created_at: now,
            updated_at: now,
          });
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new ConflictError(
              `A resource named '${input.resourceName}' already exists or is being requested`,
            );
          }
          throw error;
        }
      }
      await tx(REQUESTS).insert({
        id,
        operation: input.operation,
        kind: input.kind,
        resource_id: resourceId,
        resource_name: input.resourceName,
        environment: input.environment,
        requester_ref: input.requesterRef,
        owner_ref: input.ownerRef,
        system_ref: input.systemRef ?? null,
        justification: input.justification,
        parameters: JSON.stringify(input.parameters),
        status: 'planning',
        created_at: now,
        updated_at: now,
      });
    });
    return (await this.getRequest(id))!;
  }

  async getRequest(
    id: string,
    options?: { conditions?: InfraRequestConditions },
  ) {
    const query = this.db(REQUESTS).select(REQUEST_COLUMNS).where({ id });
    if (options?.conditions) {
      applyPermissionCriteria(query, options.conditions, requestFilter);
    }
    const row: RequestRow | undefined = await query.first();
    return row ? (await this.toRequests([row]))[0] : undefined;
  }

  async getRequests(ids: string[]) {
    if (ids.length === 0) return [];
    const rows: RequestRow[] = await this.db(REQUESTS)
      .select(REQUEST_COLUMNS)
      .whereIn('id', ids);
    return this.toRequests(rows);
  }

  async getRequestByApprovalId(approvalId: string) {
    const row: RequestRow | undefined = await this.db(REQUESTS)
      .select(REQUEST_COLUMNS)
      .where({ approval_id: approvalId })
      .first();
    return row ? (await this.toRequests([row]))[0] : undefined;
  }

  // The rows as requests with their approvers: one query for all of them, never one each.
  private async toRequests(rows: RequestRow[]): Promise<InfraRequest[]> {
    if (rows.length === 0) return [];
    const approvers: Array<{ request_id: string; approver_ref: string }> =
      await this.db(APPROVERS)
        .select('request_id', 'approver_ref')
        .whereIn(
          'request_id',
          rows.map(row => row.id),
        );
    const byRequest = new Map<string, string[]>();
    for (const { request_id, approver_ref } of approvers) {
      const refs = byRequest.get(request_id) ?? [];
      refs.push(approver_ref);
      byRequest.set(request_id, refs);
    }
    // Sorted here, not by the database's collation: the same order on SQLite and PostgreSQL.
    return rows.map(row =>
      toRequest(row, (byRequest.get(row.id) ?? []).sort()),
    );
  }

  async getPlanFile(id: string) {
    const row = await this.db(REQUESTS)
      .select('plan_file')
      .where({ id })
      .first();
    if (!row?.plan_file) return undefined;
    return Buffer.from(row.plan_file);
  }

  async listRequests(options: ListInfraRequestsOptions) {
    const query = this.db(REQUESTS).select(REQUEST_COLUMNS);
    if (options.conditions) {
      applyPermissionCriteria(query, options.conditions, requestFilter);
    }
    if (options.requesterRef) {
      query.where('requester_ref', options.requesterRef);
    }
    if (options.kind) query.where('kind', options.kind);
    if (options.statuses?.length) query.whereIn('status', options.statuses);
    const rows = await page<RequestRow>(query, options);
    const { items, nextCursor } = pageOf<RequestRow, RequestRow>(
      rows,
      options.limit,
      row => row,
    );
    return { items: await this.toRequests(items), nextCursor };
  }

  async listRequestIds(statuses: InfraRequestStatus[], limit: number) {
    const rows = await this.db(REQUESTS)
      .select('id')
      .whereIn('status', statuses)
      .orderBy('updated_at', 'asc')
      .limit(limit);
    return rows.map((r: { id: string }) => r.id);
  }

  async transition(
    id: string,
    from: InfraRequestStatus[],
    to: InfraRequestStatus,
    patch: InfraRequestPatch,
    now: Date,
    guard: { claimedBy?: string } = {},
  ) {
    const update: Record<string, unknown> = { status: to, updated_at: now };
    if (patch.approvalId !== undefined) update.approval_id = patch.approvalId;
    if (patch.planHash !== undefined) update.plan_hash = patch.planHash;
    if (patch.planSummary !== undefined) {
      update.plan_summary = JSON.stringify(patch.planSummary);
    }
    if (patch.guardrails !== undefined) {
      update.guardrails = JSON.stringify(patch.guardrails);
    }
    if (patch.costEstimate !== undefined) {
      update.cost_estimate = JSON.stringify(patch.costEstimate);
    }
    if (patch.decision !== undefined) {
      update.decision = JSON.stringify(patch.decision);
    }
    if (patch.planFile !== undefined) update.plan_file = patch.planFile;
    if (patch.outputs !== undefined) {
      update.outputs = JSON.stringify(patch.outputs);
    }
    if (patch.error !== undefined) update.error = patch.error;
    if (patch.supersededBy !== undefined) {
      update.superseded_by = patch.supersededBy;
    }
    if (patch.applyStartedAt) update.apply_started_at = patch.applyStartedAt;
    if (patch.appliedAt) update.applied_at = patch.appliedAt;
    const { approverRefs } = patch;
    const run = async (db: Knex) => {
      const query = db(REQUESTS).where({ id }).whereIn('status', from);
      if (guard.claimedBy) query.where('claimed_by', guard.claimedBy);
      const updated: number = await query.update(update);
      if (updated === 1 && approverRefs !== undefined) {
        await db(APPROVERS).where({ request_id: id }).delete();
        const refs = [...new Set(approverRefs)];
        if (refs.length > 0) {
          await db(APPROVERS).insert(
            refs.map(ref => ({ request_id: id, approver_ref: ref })),
          );
        }
      }
      return updated;
    };
    // Approvers are written in one transaction with the status (and approval id) they
    // come with: a request is never linked without them.
    const count =
      approverRefs === undefined
        ? await run(this.db)
        : await this.db.transaction(run);
    return count === 1 ? this.getRequest(id) : undefined;
  }

  async claimPlan(id: string, claimer: string, now: Date, staleBefore: Date) {
    const count = await this.db(REQUESTS)
      .where({ id, status: 'planning' })
      .where(free =>
        free.whereNull('claimed_by').orWhere('heartbeat_at', '<', staleBefore),
      )
      .update({
        claimed_by: claimer,
        heartbeat_at: now,
        attempts: this.db.raw('attempts + 1'),
        updated_at: now,
      });
    if (count !== 1) return undefined;
    const row = await this.db(REQUESTS)
      .select('attempts')
      .where({ id })
      .first();
    return Number(row.attempts);
  }

  async releasePlan(id: string, claimer: string, now: Date) {
    const count = await this.db(REQUESTS)
      .where({ id, status: 'planning', claimed_by: claimer })
      .update({
        claimed_by: null,
        attempts: this.db.raw(
          'CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END',
        ),
        updated_at: now,
      });
    return count === 1;
  }

  async listClaimableJobs(staleBefore: Date, limit: number) {
    const rows: Array<{ id: string; status: string }> = await this.db(REQUESTS)
      .select('id', 'status')
      .where(jobs =>
        jobs
          .where(plans =>
            plans
              .where('status', 'planning')
              .where(free =>
                free
                  .whereNull('claimed_by')
                  .orWhere('heartbeat_at', '<', staleBefore),
              ),
          )
          .orWhere('status', 'approved'),
      )
      .orderBy('updated_at', 'asc')
      .limit(limit);
    return rows.map(r => ({
      id: r.id,
      job: r.status === 'planning' ? ('plan' as const) : ('apply' as const),
    }));
  }

  async releaseName(resourceId: string, now: Date) {
    await this.db(RESOURCES)
      .where({ id: resourceId, status: 'pending' })
      .update({ status: 'destroyed', updated_at: now });
  }

  async claimApply(id: string, claimer: string, now: Date) {
    const count = await this.db(REQUESTS)
      .where({ id, status: 'approved' })
      .update({
        status: 'applying',
        claimed_by: claimer,
        heartbeat_at: now,
        apply_started_at: now,
        updated_at: now,
      });
    return count === 1;
  }

  async heartbeat(id: string, claimer: string, now: Date) {
    await this.db(REQUESTS)
      .where({ id, claimed_by: claimer })
      .whereIn('status', ['planning', 'applying'])
      .update({ heartbeat_at: now });
  }

  async listInterruptedApplies(before: Date) {
    const rows = await this.db(REQUESTS)
      .select('id')
      .where('status', 'applying')
      .where('heartbeat_at', '<', before);
    return rows.map((r: { id: string }) => r.id);
  }

  async hasOpenRequest(resourceId: string) {
    const row = await this.db(REQUESTS)
      .select('id')
      .where({ resource_id: resourceId })
      .whereIn('status', OPEN_INFRA_REQUEST_STATUSES)
      .first();
    return Boolean(row);
  }

  async getResource(id: string) {
    const row = await this.db<ResourceRow>(RESOURCES).where({ id }).first();
    if (!row) return undefined;
    const created: { id: string } | undefined = await this.db(REQUESTS)
      .select('id')
      .where({ resource_id: id, operation: 'create', status: 'applied' })
      .orderBy('applied_at', 'desc')
      .first();
    const destroy: Pick<RequestRow, 'id' | 'status'> | undefined =
      await this.db(REQUESTS)
        .select('id', 'status')
        .where({ resource_id: id, operation: 'destroy' })
        .whereIn('status', OPEN_INFRA_REQUEST_STATUSES)
        .first();
    return {
      ...toResource(row),
      createdByRequestId: created?.id,
      openDestroyRequest: destroy
        ? { id: destroy.id, status: destroy.status }
        : undefined,
    };
  }

  async listResources(options: ListInfraResourcesOptions) {
    const query = this.db(RESOURCES).select(`${RESOURCES}.*`);
    // A resource whose every request ended before an apply (rejected, failed planning…) never
    // existed: its row only held the name. A destroyed one is listed only if an apply started.
    query.where(existed =>
      existed.whereNot(`${RESOURCES}.status`, 'destroyed').orWhereExists(
        this.db(REQUESTS)
          .select(this.db.raw('1'))
          .where(`${REQUESTS}.resource_id`, this.db.ref(`${RESOURCES}.id`))
          .whereNotNull(`${REQUESTS}.apply_started_at`),
      ),
    );
    if (options.ownerRefs) query.whereIn('owner_ref', options.ownerRefs);
    if (options.kind) query.where('kind', options.kind);
    if (options.statuses?.length) query.whereIn('status', options.statuses);
    const rows = await page<ResourceRow>(query, options);
    return pageOf<ResourceRow, InfraResource>(rows, options.limit, toResource);
  }

  async updateResource(
    id: string,
    patch: Partial<Pick<InfraResource, 'status' | 'outputs' | 'lastRequestId'>>,
    now: Date,
  ) {
    const update: Record<string, unknown> = { updated_at: now };
    if (patch.status) update.status = patch.status;
    if (patch.outputs) update.outputs = JSON.stringify(patch.outputs);
    if (patch.lastRequestId) update.last_request_id = patch.lastRequestId;
    await this.db(RESOURCES).where({ id }).update(update);
  }

  async appendLogs(
    requestId: string,
    lines: Array<Pick<InfraLogLine, 'stream' | 'line'>>,
    now: Date,
  ) {
    if (lines.length === 0) return;
    // One writer per request at a time (the replica holding the plan or apply).
    await this.db.transaction(async tx => {
      const row = await tx(LOGS)
        .where({ request_id: requestId })
        .max({ seq: 'seq' })
        .first();
      let seq = Number(row?.seq ?? 0);
      await tx.batchInsert(
        LOGS,
        lines.map(l => ({
          request_id: requestId,
          seq: ++seq,
          stream: l.stream,
          line: l.line,
          created_at: now,
        })),
        200,
      );
    });
  }

  async getLogs(requestId: string, options: { after: number; limit: number }) {
    const rows = await this.db(LOGS)
      .select('seq', 'stream', 'line', 'created_at')
      .where({ request_id: requestId })
      .where('seq', '>', options.after)
      .orderBy('seq', 'asc')
      .limit(options.limit);
    return rows.map(
      (r: {
        seq: number;
        stream: InfraLogLine['stream'];
        line: string;
        created_at: Timestamp;
      }) => ({
        seq: Number(r.seq),
        stream: r.stream,
        line: r.line,
        createdAt: toDate(r.created_at).toISOString(),
      }),
    );
  }
}
