import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ApprovalDecision,
  ApprovalHistoryEntry,
  ApprovalRequest,
  ApprovalStatus,
} from '@internal/plugin-approvals-common';
import { ApprovalRequestFilter } from '@internal/plugin-approvals-node';
import {
  applyPermissionCriteria,
  canonicalJson,
  decodeCursor,
  encodeCursor,
} from '@internal/plugin-api-node';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  ApprovalsStore,
  DecisionOutcome,
  ListApprovalRequestsOptions,
  NewApprovalRequest,
} from './ApprovalsStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-approvals-backend',
  'migrations',
);

const REQUESTS = 'approval_requests';
const APPROVERS = 'approval_request_approvers';
const VOTES = 'approval_votes';
const HISTORY = 'approval_history';

type RequestRow = {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  status: ApprovalStatus;
  requester_ref: string;
  on_behalf_of_ref: string | null;
  created_by: string;
  approver_users: string;
  approver_groups: string;
  quorum: number;
  approvals: number;
  payload: string;
  payload_hash: string;
  details: string | null;
  links: string;
  expires_at: Date | number | string;
  created_at: Date | number | string;
  updated_at: Date | number | string;
};

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Date.
function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function toRequest(
  row: RequestRow,
  history: ApprovalHistoryEntry[] = [],
): ApprovalRequest {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary ?? undefined,
    status: row.status,
    requesterRef: row.requester_ref,
    onBehalfOfRef: row.on_behalf_of_ref ?? undefined,
    createdBy: row.created_by,
    approvers: {
      users: JSON.parse(row.approver_users),
      groups: JSON.parse(row.approver_groups),
    },
    quorum: row.quorum,
    approvals: row.approvals,
    expiresAt: toDate(row.expires_at).toISOString(),
    payload: JSON.parse(row.payload),
    payloadHash: row.payload_hash,
    details: row.details ? JSON.parse(row.details) : undefined,
    links: JSON.parse(row.links),
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    history,
  };
}

/** Applies permission criteria as SQL on the `r` alias of approval_requests. */
// One permission filter on approval requests as SQL.
function applyFilter(
  db: Knex,
  qb: Knex.QueryBuilder,
  filter: ApprovalRequestFilter,
): void {
  if (filter.field === 'requester') {
    qb.whereIn('r.requester_ref', filter.refs);
  } else {
    qb.whereExists(approverIn(db, filter.refs));
  }
}

function approverIn(db: Knex, refs: string[]) {
  return db
    .select(db.raw('1'))
    .from(`${APPROVERS} as a`)
    .whereRaw('a.request_id = r.id')
    .whereIn('a.approver_ref', refs);
}

/** {@link ApprovalsStore} on knex: SQLite in development, PostgreSQL in production. */
export class DatabaseApprovalsStore implements ApprovalsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseApprovalsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseApprovalsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  // Row locks serialise concurrent decisions on PostgreSQL; SQLite has one writer anyway.
  private async lockRow(tx: Knex.Transaction, id: string) {
    const query = tx<RequestRow>(REQUESTS).where({ id }).first();
    if (this.db.client.config.client === 'pg') {
      query.forUpdate();
    }
    return (await query) as RequestRow | undefined;
  }

  private async history(db: Knex, id: string): Promise<ApprovalHistoryEntry[]> {
    const rows = await db(HISTORY)
      .where({ request_id: id })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      type: row.type,
      actorRef: row.actor_ref ?? undefined,
      comment: row.comment ?? undefined,
      createdAt: toDate(row.created_at).toISOString(),
    }));
  }

  private async addHistory(
    tx: Knex,
    id: string,
    type: ApprovalHistoryEntry['type'],
    now: Date,
    actorRef?: string,
    comment?: string,
  ) {
    await tx(HISTORY).insert({
      request_id: id,
      type,
      actor_ref: actorRef ?? null,
      comment: comment ?? null,
      created_at: now,
    });
  }

  private async reload(tx: Knex, id: string): Promise<ApprovalRequest> {
    const row = await tx<RequestRow>(REQUESTS).where({ id }).first();
    if (!row) throw new NotFoundError(`No approval request ${id}`);
    return toRequest(row as RequestRow, await this.history(tx, id));
  }

  async create(input: NewApprovalRequest, now: Date): Promise<ApprovalRequest> {
    const id = randomUUID();
    const users = [...new Set(input.approvers.users)];
    const groups = [...new Set(input.approvers.groups)];
    await this.db.transaction(async tx => {
      await tx(REQUESTS).insert({
        id,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? null,
        status: 'pending',
        requester_ref: input.requesterRef,
        on_behalf_of_ref: input.onBehalfOfRef ?? null,
        created_by: input.createdBy,
        approver_users: JSON.stringify(users),
        approver_groups: JSON.stringify(groups),
        quorum: input.quorum,
        approvals: 0,
        payload: canonicalJson(input.payload),
        payload_hash: input.payloadHash,
        details: input.details ? JSON.stringify(input.details) : null,
        links: JSON.stringify(input.links),
        expires_at: input.expiresAt,
        created_at: now,
        updated_at: now,
      });
      await tx(APPROVERS).insert(
        [...users, ...groups].map(ref => ({
          request_id: id,
          approver_ref: ref,
        })),
      );
      await this.addHistory(tx, id, 'created', now, input.requesterRef);
    });
    return this.reload(this.db, id);
  }

  async get(
    id: string,
    options?: {
      conditions?: PermissionCriteria<ApprovalRequestFilter>;
      withHistory?: boolean;
    },
  ): Promise<ApprovalRequest | undefined> {
    const query = this.db<RequestRow>(`${REQUESTS} as r`)
      .where('r.id', id)
      .select('r.*');
    if (options?.conditions) {
      applyPermissionCriteria(query, options.conditions, (qb, filter) =>
        applyFilter(this.db, qb, filter),
      );
    }
    const row = (await query.first()) as RequestRow | undefined;
    if (!row) return undefined;
    const history =
      options?.withHistory === false ? [] : await this.history(this.db, id);
    return toRequest(row, history);
  }

  async getMany(ids: string[]): Promise<Array<ApprovalRequest | undefined>> {
    const rows = (await this.db<RequestRow>(REQUESTS).whereIn(
      'id',
      ids,
    )) as RequestRow[];
    const byId = new Map(rows.map(row => [row.id, toRequest(row)]));
    return ids.map(id => byId.get(id));
  }

  async list(
    options: ListApprovalRequestsOptions,
  ): Promise<{ items: ApprovalRequest[]; nextCursor?: string }> {
    const query = this.db<RequestRow>(`${REQUESTS} as r`).select('r.*');
    if (options.mine) {
      query.where('r.requester_ref', options.userRef ?? '');
    }
    if (options.assignedToMe) {
      // Once I voted, a request still pending for others no longer waits for me.
      query
        .whereExists(approverIn(this.db, options.claims))
        .whereNot('r.requester_ref', options.userRef ?? '')
        .whereNotExists(q =>
          q
            .select(this.db.raw('1'))
            .from(`${VOTES} as v`)
            .whereRaw('v.request_id = r.id')
            .where('v.actor_ref', options.userRef ?? ''),
        );
    }
    if (options.status?.length) {
      query.whereIn('r.status', options.status);
    }
    if (options.kind) {
      query.where('r.kind', options.kind);
    }
    if (options.conditions) {
      applyPermissionCriteria(query, options.conditions, (qb, filter) =>
        applyFilter(this.db, qb, filter),
      );
    }
    const op = options.order === 'desc' ? '<' : '>';
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor);
      const t = new Date(cursor.t);
      query.where(b =>
        b
          .where('r.created_at', op, t)
          .orWhere(b2 =>
            b2.where('r.created_at', '=', t).andWhere('r.id', op, cursor.id),
          ),
      );
    }
    const rows = (await query
      .orderBy([
        { column: 'r.created_at', order: options.order },
        { column: 'r.id', order: options.order },
      ])
      .limit(options.limit + 1)) as RequestRow[];
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(row => toRequest(row)),
      nextCursor:
        rows.length > options.limit
          ? encodeCursor({ t: toDate(last.created_at).getTime(), id: last.id })
          : undefined,
    };
  }

  async countPendingAssigned(options: {
    userRef: string;
    claims: string[];
    now: Date;
  }): Promise<number> {
    const [{ count }] = await this.db(`${REQUESTS} as r`)
      .where('r.status', 'pending')
      .where('r.expires_at', '>', options.now)
      .whereNot('r.requester_ref', options.userRef)
      .whereExists(approverIn(this.db, options.claims))
      .whereNotExists(q =>
        q
          .select(this.db.raw('1'))
          .from(`${VOTES} as v`)
          .whereRaw('v.request_id = r.id')
          .where('v.actor_ref', options.userRef),
      )
      .count({ count: '*' });
    return Number(count);
  }

  async hasVoted(id: string, actorRef: string): Promise<boolean> {
    const row = await this.db(VOTES)
      .where({ request_id: id, actor_ref: actorRef })
      .first();
    return Boolean(row);
  }

  async decide(
    id: string,
    actorRef: string,
    decision: ApprovalDecision,
    now: Date,
  ): Promise<DecisionOutcome> {
    return this.db.transaction(async tx => {
      const row = await this.lockRow(tx, id);
      if (!row) throw new NotFoundError(`No approval request ${id}`);
      if (row.status !== 'pending') {
        throw new ConflictError(`The request is already ${row.status}`);
      }
      if (toDate(row.expires_at) <= now) {
        await this.setStatus(tx, id, 'expired', now);
        await this.addHistory(tx, id, 'expired', now);
        return { result: 'expired', request: await this.reload(tx, id) };
      }
      if (row.requester_ref === actorRef) {
        throw new ConflictError('You cannot decide your own request');
      }
      const voted = await tx(VOTES)
        .where({ request_id: id, actor_ref: actorRef })
        .first();
      if (voted) {
        throw new ConflictError('You have already voted on this request');
      }
      await tx(VOTES).insert({
        request_id: id,
        actor_ref: actorRef,
        decision: decision.decision,
        comment: decision.comment ?? null,
        created_at: now,
      });
      await this.addHistory(
        tx,
        id,
        decision.decision,
        now,
        actorRef,
        decision.comment,
      );
      if (decision.decision === 'reject') {
        await this.setStatus(tx, id, 'rejected', now);
      } else {
        const approvals = row.approvals + 1;
        const approved = approvals >= row.quorum;
        await tx(REQUESTS)
          .where({ id })
          .update({
            approvals,
            status: approved ? 'approved' : 'pending',
            updated_at: now,
          });
        if (approved) {
          await this.addHistory(tx, id, 'approved', now);
        }
      }
      return { result: 'recorded', request: await this.reload(tx, id) };
    });
  }

  private async setStatus(
    tx: Knex,
    id: string,
    status: ApprovalStatus,
    now: Date,
  ) {
    await tx(REQUESTS).where({ id }).update({ status, updated_at: now });
  }

  async cancel(
    id: string,
    actorRef: string,
    comment: string | undefined,
    now: Date,
  ): Promise<ApprovalRequest> {
    return this.db.transaction(async tx => {
      const row = await this.lockRow(tx, id);
      if (!row) throw new NotFoundError(`No approval request ${id}`);
      if (row.status !== 'pending') {
        throw new ConflictError(
          `Only a pending request can be cancelled; this one is ${row.status}`,
        );
      }
      await this.setStatus(tx, id, 'cancelled', now);
      await this.addHistory(tx, id, 'cancelled', now, actorRef, comment);
      return this.reload(tx, id);
    });
  }

  async reportExecution(
    id: string,
    report: {
      status: 'executing' | 'completed' | 'failed';
      comment?: string;
      actorRef: string;
    },
    now: Date,
  ): Promise<ApprovalRequest> {
    const allowedFrom: Record<typeof report.status, ApprovalStatus[]> = {
      executing: ['approved'],
      completed: ['executing'],
      failed: ['approved', 'executing'],
    };
    return this.db.transaction(async tx => {
      const row = await this.lockRow(tx, id);
      if (!row) throw new NotFoundError(`No approval request ${id}`);
      if (!allowedFrom[report.status].includes(row.status)) {
        throw new ConflictError(
          `Cannot move a ${row.status} request to ${report.status}`,
        );
      }
      await this.setStatus(tx, id, report.status, now);
      await this.addHistory(
        tx,
        id,
        report.status,
        now,
        report.actorRef,
        report.comment,
      );
      return this.reload(tx, id);
    });
  }

  async expireDue(now: Date, batchSize = 500): Promise<ApprovalRequest[]> {
    const due = await this.db(REQUESTS)
      .where('status', 'pending')
      .where('expires_at', '<=', now)
      .orderBy('expires_at', 'asc')
      .limit(batchSize)
      .pluck('id');
    const expired: ApprovalRequest[] = [];
    for (const id of due) {
      const request = await this.db.transaction(async tx => {
        // Guarded update: a decision that won the race leaves the row non-pending.
        const changed = await tx(REQUESTS)
          .where({ id, status: 'pending' })
          .where('expires_at', '<=', now)
          .update({ status: 'expired', updated_at: now });
        if (changed !== 1) return undefined;
        await this.addHistory(tx, id, 'expired', now);
        return this.reload(tx, id);
      });
      if (request) expired.push(request);
    }
    return expired;
  }
}
