import {
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditVerification,
  NewAuditEntry,
} from '@internal/plugin-audit-common';

/**
 * The one central audit trail of every plugin: append-only and hash-chained. Nothing here
 * edits or deletes an entry except `prune`, which keeps an anchor so the rest still verifies.
 */
export interface AuditStore {
  /**
   * Stores entries at the end of the chain. Resolves once they are committed; rejects when
   * they could not be, so that the caller can fail closed.
   */
  append(entries: NewAuditEntry[]): Promise<void>;
  /** A page of entries, newest first, filtered in SQL on indexes. */
  query(query: AuditQuery): Promise<AuditPage>;
  /** Every entry the query matches, newest first, read a batch at a time (for export). */
  stream(
    query: Omit<AuditQuery, 'cursor' | 'limit'>,
  ): AsyncIterable<AuditEntry>;
  /** Walks the chain from the anchor and names the first broken link. */
  verify(): Promise<AuditVerification>;
  /** Deletes entries older than `before`, keeping the last deleted hash as the anchor. */
  prune(before: Date): Promise<{ deleted: number }>;
}
