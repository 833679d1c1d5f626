import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditSeverity,
  AuditVerification,
  NewAuditEntry,
} from '@internal/plugin-audit-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { AuditStore } from './AuditStore';
import {
  canonicalJson,
  useSqliteWriteAheadLog,
} from '@internal/plugin-api-node';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-audit-node',
  'migrations',
);

const ENTRIES = 'audit_entries';
const ANCHOR = 'audit_anchor';

/** The hash before the first entry ever stored. */
export const GENESIS_HASH = '0'.repeat(64);

// Every replica appending to the chain takes this PostgreSQL advisory lock ("audit" in hex).
const CHAIN_LOCK = 0x6175646974;

// From least to most severe.
const SEVERITIES: AuditSeverity[] = ['low', 'medium', 'high', 'critical'];

const MAX_BATCH = 500;
const READ_BATCH = 1000;
/** Rows per INSERT statement: SQLite refuses a compound statement of more than 500 terms. */
const INSERT_ROWS = 100;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

type EntryRow = {
  id: string | number;
  timestamp: Date | number | string;
  correlation_id: string;
  actor_ref: string | null;
  actor_type: NewAuditEntry['actor']['type'];
  ip: string | null;
  user_agent: string | null;
  plugin: string;
  event_id: string;
  action: string | null;
  target: string | null;
  outcome: NewAuditEntry['outcome'];
  error: string | null;
  severity: NewAuditEntry['severity'];
  meta: string;
  prev_hash: string;
  hash: string;
};

type Pending = {
  entries: NewAuditEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
};

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Date.
function toIso(value: Date | number | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toEntry(row: EntryRow): AuditEntry {
  return {
    id: String(row.id),
    timestamp: toIso(row.timestamp),
    correlationId: row.correlation_id,
    actor: {
      ref: row.actor_ref ?? undefined,
      type: row.actor_type,
      ip: row.ip ?? undefined,
      userAgent: row.user_agent ?? undefined,
    },
    plugin: row.plugin,
    eventId: row.event_id,
    action: row.action ?? undefined,
    target: row.target ?? undefined,
    outcome: row.outcome,
    error: row.error ?? undefined,
    severity: row.severity,
    meta: JSON.parse(row.meta),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The hash of an entry: sha256 over the previous hash and the entry's canonical content. */
export function hashEntry(
  prevHash: string,
  id: string,
  entry: NewAuditEntry,
): string {
  const content = canonicalJson({
    id,
    timestamp: entry.timestamp,
    correlationId: entry.correlationId,
    actor: entry.actor,
    plugin: entry.plugin,
    eventId: entry.eventId,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    error: entry.error,
    severity: entry.severity,
    meta: entry.meta,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

/** Where a page ended: its last entry's id, and its time when the search orders by time. */
type SeqCursor = { id: string; ts?: string };

function encodeSeqCursor(cursor: SeqCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeSeqCursor(value: string): SeqCursor {
  if (/^[A-Za-z0-9_-]{1,128}$/.test(value)) {
    try {
      const { id, ts } = JSON.parse(Buffer.from(value, 'base64url').toString());
      const validTs =
        ts === undefined ||
        (typeof ts === 'string' && !Number.isNaN(Date.parse(ts)));
      if (typeof id === 'string' && /^[1-9][0-9]{0,17}$/.test(id) && validTs) {
        return ts === undefined ? { id } : { id, ts };
      }
    } catch {
      // Not JSON: the same answer as any other bad cursor.
    }
  }
  throw new InputError('Invalid cursor');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/**
 * The audit trail in one central table. Appends are serialized so that the chain never
 * forks, with several replicas writing at once: on PostgreSQL each batch takes an advisory
 * transaction lock, on SQLite the write transaction serializes already. Appends that arrive
 * while a batch is written join the next one (group commit), so one lock round trip serves
 * many events.
 */
export class DatabaseAuditStore implements AuditStore {
  private readonly queue: Pending[] = [];
  private flushing = false;

  private constructor(private readonly knex: Knex) {}

  /** Runs the migrations and returns the store. */
  static async create(options: { knex: Knex }): Promise<DatabaseAuditStore> {
    await options.knex.migrate.latest({ directory: migrationsDir });
    // Every request appends here (reads too), so a commit must not wait for the disk.
    await useSqliteWriteAheadLog(options.knex);
    return new DatabaseAuditStore(options.knex);
  }

  append(entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Wait for the current turn, so that callers of the same tick share the first batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (size === 0 || size < MAX_BATCH)) {
          const next = this.queue[0];
          if (size > 0 && size + next.entries.length > MAX_BATCH) break;
          this.queue.shift();
          batch.push(next);
          size += next.entries.length;
        }
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      await this.write(batch.flatMap(p => p.entries));
      batch.forEach(p => p.resolve());
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
    }
    // One caller's bad entry must not fail everybody else's action: retry each on its own.
    for (const pending of batch) {
      try {
        await this.write(pending.entries);
        pending.resolve();
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  private async write(entries: NewAuditEntry[]): Promise<void> {
    await this.knex.transaction(async tx => {
      await this.lockChain(tx);
      let { seq, hash } = await this.lastLink(tx);
      const rows = entries.map(entry => {
        seq += 1n;
        const id = seq.toString();
        const normalized = {
          ...entry,
          timestamp: new Date(entry.timestamp).toISOString(),
        };
        const prevHash = hash;
        hash = hashEntry(prevHash, id, normalized);
        return {
          id,
          timestamp: new Date(normalized.timestamp),
          correlation_id: entry.correlationId,
          actor_ref: entry.actor.ref ?? null,
          actor_type: entry.actor.type,
          ip: entry.actor.ip ?? null,
          user_agent: entry.actor.userAgent ?? null,
          plugin: entry.plugin,
          event_id: entry.eventId,
          action: entry.action ?? null,
          target: entry.target ?? null,
          outcome: entry.outcome,
          error: entry.error ?? null,
          severity: entry.severity,
          meta: canonicalJson(entry.meta),
          prev_hash: prevHash,
          hash,
        };
      });
      for (let start = 0; start < rows.length; start += INSERT_ROWS) {
        await tx(ENTRIES).insert(rows.slice(start, start + INSERT_ROWS));
      }
    });
  }

  private async lockChain(tx: Knex.Transaction): Promise<void> {
    if (tx.client.config.client === 'pg') {
      await tx.raw('select pg_advisory_xact_lock(?)', [CHAIN_LOCK]);
    }
  }

  /** The end of the chain: the last entry, else the anchor of a pruned prefix, else genesis. */
  private async lastLink(
    tx: Knex | Knex.Transaction,
  ): Promise<{ seq: bigint; hash: string }> {
    const last = await tx(ENTRIES)
      .select('id', 'hash')
      .orderBy('id', 'desc')
      .first();
    if (last) {
      return { seq: BigInt(last.id), hash: last.hash };
    }
    return this.anchor(tx);
  }

  private async anchor(
    tx: Knex | Knex.Transaction,
  ): Promise<{ seq: bigint; hash: string }> {
    const anchor = await tx(ANCHOR).where({ id: 1 }).first();
    return anchor
      ? { seq: BigInt(anchor.seq), hash: anchor.hash }
      : { seq: 0n, hash: GENESIS_HASH };
  }

  private filtered(query: Omit<AuditQuery, 'cursor' | 'limit'>) {
    const builder = this.knex<EntryRow>(ENTRIES);
    const equal: [keyof typeof query, keyof EntryRow][] = [
      ['actor', 'actor_ref'],
      ['plugin', 'plugin'],
      ['eventId', 'event_id'],
      ['action', 'action'],
      ['target', 'target'],
      ['outcome', 'outcome'],
      ['severity', 'severity'],
    ];
    for (const [key, column] of equal) {
      const value = query[key];
      if (value !== undefined) builder.where(column, value);
    }
    // An empty list matches nothing, as `target in ()` would.
    if (query.targets) builder.whereIn('target', query.targets);
    if (query.minSeverity) {
      builder.whereIn(
        'severity',
        SEVERITIES.slice(SEVERITIES.indexOf(query.minSeverity)),
      );
    }
    if (query.from) builder.where('timestamp', '>=', new Date(query.from));
    if (query.to) builder.where('timestamp', '<', new Date(query.to));
    if (query.text) {
      builder.whereRaw(`?? like ? escape '\\'`, [
        'meta',
        `%${escapeLike(query.text)}%`,
      ]);
    }
    return builder;
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const limit = Math.min(
      Math.max(query.limit ?? DEFAULT_LIMIT, 1),
      MAX_LIMIT,
    );
    const builder = this.filtered(query);
    // With a time range, newest first by time: the time leads the index, and the planner
    // does not walk every newer entry to reach a window in the past. Otherwise by id.
    const byTime = query.from !== undefined || query.to !== undefined;
    if (query.cursor) {
      const cursor = decodeSeqCursor(query.cursor);
      if (byTime !== (cursor.ts !== undefined)) {
        throw new InputError('Invalid cursor: it belongs to another search');
      }
      if (cursor.ts) {
        const ts = new Date(cursor.ts);
        builder.where(q =>
          q
            .where('timestamp', '<', ts)
            .orWhere(same =>
              same.where('timestamp', ts).where('id', '<', cursor.id),
            ),
        );
      } else {
        builder.where('id', '<', cursor.id);
      }
    }
    const rows: EntryRow[] = await builder
      .select('*')
      .orderBy(
        byTime
          ? [
              { column: 'timestamp', order: 'desc' },
              { column: 'id', order: 'desc' },
            ]
          : [{ column: 'id', order: 'desc' }],
      )
      .limit(limit + 1);
    const items = rows.slice(0, limit).map(toEntry);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit
          ? encodeSeqCursor(
              byTime ? { id: last.id, ts: last.timestamp } : { id: last.id },
            )
          : undefined,
    };
  }

  async *stream(
    query: Omit<AuditQuery, 'cursor' | 'limit'>,
  ): AsyncIterable<AuditEntry> {
    let before: string | undefined;
    for (;;) {
      const builder = this.filtered(query);
      if (before) builder.where('id', '<', before);
      const rows: EntryRow[] = await builder
        .select('*')
        .orderBy('id', 'desc')
        .limit(READ_BATCH);
      for (const row of rows) {
        yield toEntry(row);
      }
      if (rows.length < READ_BATCH) return;
      before = String(rows[rows.length - 1].id);
    }
  }

  async verify(): Promise<AuditVerification> {
    let { seq: after, hash: prevHash } = await this.anchor(this.knex);
    let checked = 0;
    for (;;) {
      const rows: EntryRow[] = await this.knex<EntryRow>(ENTRIES)
        .select('*')
        .where('id', '>', after.toString())
        .orderBy('id', 'asc')
        .limit(READ_BATCH);
      for (const row of rows) {
        const entry = toEntry(row);
        if (entry.prevHash !== prevHash) {
          return {
            ok: false,
            checked,
            firstBroken: {
              id: entry.id,
              reason:
                'its prevHash is not the hash of the entry before it: an entry before it was deleted, or it was inserted',
            },
          };
        }
        if (hashEntry(prevHash, entry.id, entry) !== entry.hash) {
          return {
            ok: false,
            checked,
            firstBroken: {
              id: entry.id,
              reason:
                'its hash does not match its content: it was edited, or inserted',
            },
          };
        }
        prevHash = entry.hash;
        checked += 1;
      }
      if (rows.length < READ_BATCH) return { ok: true, checked };
      after = BigInt(rows[rows.length - 1].id);
    }
  }

  async prune(before: Date): Promise<{ deleted: number }> {
    return this.knex.transaction(async tx => {
      await this.lockChain(tx);
      // Only a prefix of the chain may go, so stop at the first entry that is still kept.
      const firstKept = await tx(ENTRIES)
        .where('timestamp', '>=', before)
        .min({ id: 'id' })
        .first();
      const last = await tx(ENTRIES)
        .modify(q => {
          if (firstKept?.id !== null && firstKept?.id !== undefined) {
            q.where('id', '<', firstKept.id);
          }
        })
        .select('id', 'hash')
        .orderBy('id', 'desc')
        .first();
      if (!last) {
        return { deleted: 0 };
      }
      const deleted = await tx(ENTRIES).where('id', '<=', last.id).delete();
      await tx(ANCHOR)
        .insert({ id: 1, seq: last.id, hash: last.hash })
        .onConflict('id')
        .merge(['seq', 'hash']);
      return { deleted };
    });
  }
}
