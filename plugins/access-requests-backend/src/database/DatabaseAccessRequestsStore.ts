import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  AccessRequest,
  AccessRequestPage,
  AccessRequestStatus,
} from '@internal/plugin-access-requests-common';
import {
  isUniqueViolation,
  applyPermissionCriteria,
  decodeCursor,
  encodeCursor,
} from '@internal/plugin-api-node';
import {
  TemporaryGrant,
  TemporaryGrantTarget,
} from '@internal/plugin-rbac-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { AccessRequestFilter } from '../permissions/permissionRules';
import {
  AccessRequestConditions,
  AccessRequestPatch,
  AccessRequestsStore,
  ListAccessRequestsOptions,
  NewAccessRequest,
} from './AccessRequestsStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-access-requests-backend',
  'migrations',
);

const REQUESTS = 'access_requests';

/** The statuses in which a request holds its requester's one open slot for its target. */
const OPEN_STATUSES: AccessRequestStatus[] = ['pending', 'active'];

type Timestamp = Date | number | string;

type RequestRow = {
  id: string;
  requester_ref: string;
  target_id: string;
  target_kind: TemporaryGrantTarget['kind'];
  target_name: string;
  duration: string;
  duration_seconds: number;
  reason: string;
  status: AccessRequestStatus;
  open_key: string | null;
  approval_id: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  granted_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Date.
const toDate = (value: Timestamp) =>
  value instanceof Date ? value : new Date(value);
const toIso = (value: Timestamp | null) =>
  value === null ? undefined : toDate(value).toISOString();

function toTarget(row: RequestRow): TemporaryGrantTarget {
  return row.target_kind === 'role'
    ? { kind: 'role', role: row.target_name }
    : { kind: 'group', group: row.target_name };
}

function toRequest(row: RequestRow): AccessRequest {
  const optional = {
    approvalId: row.approval_id ?? undefined,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: toIso(row.decided_at),
    decisionComment: row.decision_comment ?? undefined,
    grantedAt: toIso(row.granted_at),
    expiresAt: toIso(row.expires_at),
    revokedBy: row.revoked_by ?? undefined,
    revokedAt: toIso(row.revoked_at),
    revokeReason: row.revoke_reason ?? undefined,
  };
  return {
    id: row.id,
    requester: row.requester_ref,
    targetId: row.target_id,
    target: toTarget(row),
    duration: row.duration,
    reason: row.reason,
    status: row.status,
    createdAt: toDate(row.created_at).toISOString(),
    ...Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined),
    ),
  };
}

const openKey = (requester: string, targetId: string) =>
  `${requester}|${targetId}`;

function applyFilter(query: Knex.QueryBuilder, filter: AccessRequestFilter) {
  switch (filter.field) {
    case 'requester':
      query.whereIn('requester_ref', filter.refs);
      return;
    default:
      // A filter this store does not know matches nothing: fail closed.
      query.whereRaw('1 = 0');
  }
}

/** {@link AccessRequestsStore} on knex: PostgreSQL in production, SQLite in development. */
export class DatabaseAccessRequestsStore implements AccessRequestsStore {
  /** Runs the migrations (unless the database service skips them) and opens the store. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAccessRequestsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAccessRequestsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async create(input: NewAccessRequest, now: Date): Promise<AccessRequest> {
    const row: RequestRow = {
      id: randomUUID(),
      requester_ref: input.requester,
      target_id: input.targetId,
      target_kind: input.target.kind,
      target_name:
        input.target.kind === 'role' ? input.target.role : input.target.group,
      duration: input.duration,
      duration_seconds: input.durationSeconds,
      reason: input.reason,
      status: 'pending',
      open_key: openKey(input.requester, input.targetId),
      approval_id: null,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      granted_at: null,
      expires_at: null,
      revoked_by: null,
      revoked_at: null,
      revoke_reason: null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db<RequestRow>(REQUESTS).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `You already have a pending or active request for ${input.targetId}`,
        );
      }
      throw error;
    }
    return toRequest(row);
  }

  async linkApproval(id: string, approvalId: string): Promise<void> {
    await this.db<RequestRow>(REQUESTS)
      .where({ id, status: 'pending', approval_id: null })
      .update({ approval_id: approvalId });
  }

  async discard(id: string): Promise<void> {
    await this.db<RequestRow>(REQUESTS)
      .where({ id, status: 'pending', approval_id: null })
      .delete();
  }

  async get(
    id: string,
    options?: { conditions?: AccessRequestConditions },
  ): Promise<AccessRequest | undefined> {
    const query = this.db<RequestRow>(REQUESTS).where({ id });
    if (options?.conditions) {
      applyPermissionCriteria(query, options.conditions, applyFilter);
    }
    const row = (await query.first()) as RequestRow | undefined;
    return row ? toRequest(row) : undefined;
  }

  async getMany(ids: string[]): Promise<Array<AccessRequest | undefined>> {
    const rows = (await this.db<RequestRow>(REQUESTS).whereIn(
      'id',
      ids,
    )) as RequestRow[];
    const byId = new Map(rows.map(row => [row.id, toRequest(row)]));
    return ids.map(id => byId.get(id));
  }

  async getByApprovalId(
    approvalId: string,
  ): Promise<AccessRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS)
      .where({ approval_id: approvalId })
      .first();
    return row ? toRequest(row as RequestRow) : undefined;
  }

  async list(options: ListAccessRequestsOptions): Promise<AccessRequestPage> {
    const query = this.db<RequestRow>(REQUESTS)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      // One more than asked, to know whether there is a next page.
      .limit(options.limit + 1);
    if (options.requester) query.where('requester_ref', options.requester);
    if (options.status) query.where('status', options.status);
    if (options.conditions) {
      applyPermissionCriteria(query, options.conditions, applyFilter);
    }
    if (options.cursor) {
      const after = decodeCursor(options.cursor);
      const at = new Date(after.t);
      query.where(q =>
        q
          .where('created_at', '<', at)
          .orWhere(q2 =>
            q2.where('created_at', at).andWhere('id', '<', after.id),
          ),
      );
    }
    const rows = (await query) as RequestRow[];
    const items = rows.slice(0, options.limit).map(toRequest);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > options.limit &&
        last && {
          nextCursor: encodeCursor({
            t: new Date(last.createdAt).getTime(),
            id: last.id,
          }),
        }),
    };
  }

  async transition(
    id: string,
    from: AccessRequestStatus,
    to: AccessRequestStatus,
    patch: AccessRequestPatch,
    now: Date,
  ): Promise<AccessRequest | undefined> {
    const update: Partial<RequestRow> = { status: to, updated_at: now };
    if (!OPEN_STATUSES.includes(to)) update.open_key = null;
    if (patch.decidedBy !== undefined) update.decided_by = patch.decidedBy;
    if (patch.decidedAt !== undefined) {
      update.decided_at = new Date(patch.decidedAt);
    }
    if (patch.decisionComment !== undefined) {
      update.decision_comment = patch.decisionComment;
    }
    if (patch.revokedBy !== undefined) update.revoked_by = patch.revokedBy;
    if (patch.revokedAt !== undefined) {
      update.revoked_at = new Date(patch.revokedAt);
    }
    if (patch.revokeReason !== undefined) {
      update.revoke_reason = patch.revokeReason;
    }
    if (patch.grantedAt) {
      const current = await this.db<RequestRow>(REQUESTS)
        .where({ id })
        .first('duration_seconds');
      if (!current) return undefined;
      update.granted_at = patch.grantedAt;
      update.expires_at = DateTime.fromJSDate(patch.grantedAt)
        .plus({ seconds: current.duration_seconds })
        .toJSDate();
    }
    // Only a request still in `from` moves: of two replicas (or a replayed event), one wins.
    const updated = await this.db<RequestRow>(REQUESTS)
      .where({ id, status: from })
      .update(update);
    return updated === 1 ? this.get(id) : undefined;
  }

  async listDue(now: Date, limit: number): Promise<AccessRequest[]> {
    const rows = (await this.db<RequestRow>(REQUESTS)
      .where('status', 'active')
      .where('expires_at', '<=', now)
      .orderBy('expires_at', 'asc')
      .limit(limit)) as RequestRow[];
    return rows.map(toRequest);
  }

  async listPending(limit: number): Promise<AccessRequest[]> {
    const rows = (await this.db<RequestRow>(REQUESTS)
      .where('status', 'pending')
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit)) as RequestRow[];
    return rows.map(toRequest);
  }

  async listActiveGrants(now: Date): Promise<TemporaryGrant[]> {
    const rows = (await this.db<RequestRow>(REQUESTS)
      .where('status', 'active')
      .where('expires_at', '>', now)
      .orderBy([
        { column: 'expires_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])) as RequestRow[];
    return rows.map(row => ({
      id: row.id,
      userEntityRef: row.requester_ref,
      target: toTarget(row),
      expiresAt: toDate(row.expires_at!).toISOString(),
    }));
  }
}
