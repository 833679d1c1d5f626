import { JsonObject } from '@backstage/types';

/** How much an event matters; medium and above fail their action when they cannot be stored. */
export type AuditSeverity = 'low' | 'medium' | 'high' | 'critical';

/** Where an event stands: `initiated`, then `succeeded` or `failed` under the same correlation id. */
export type AuditOutcome = 'initiated' | 'succeeded' | 'failed';

/** Who did it. */
export type AuditActor = {
  /** A user or service ref (`user:default/dev`, `plugin:infra`); absent when nobody signed in. */
  ref?: string;
  type: 'user' | 'service' | 'none';
  ip?: string;
  userAgent?: string;
};

/** An event as a plugin reports it, before it is stored. */
export type NewAuditEntry = {
  timestamp: string;
  /** Ties an event's `initiated` record to its `succeeded` or `failed` one. */
  correlationId: string;
  actor: AuditActor;
  plugin: string;
  eventId: string;
  /** What was done, from the event's meta (`actionType`, `action`), when it says. */
  action?: string;
  /** What it was done to: an entity ref or a request id, when the event names one. */
  target?: string;
  outcome: AuditOutcome;
  /** The error's name and message of a failed event; never a stack. */
  error?: string;
  severity: AuditSeverity;
  /** The event's meta, redacted: secret-looking keys and values removed, long values cut. */
  meta: JsonObject;
};

/** A stored entry: its place in the chain and its hash. */
export type AuditEntry = NewAuditEntry & {
  /** The entry's sequence number in the chain, as a string. */
  id: string;
  /** sha256 over the previous entry's hash and this entry's content, hex. */
  hash: string;
  prevHash: string;
};

/** A search over the trail; every filter is optional and they combine with AND. */
export type AuditQuery = {
  actor?: string;
  plugin?: string;
  eventId?: string;
  action?: string;
  target?: string;
  /**
   * Any of these targets: one entity's activity, or a request's timeline with its approval.
   * Backends set it for what they have authorized; the API's own filter is `target`.
   */
  targets?: string[];
  outcome?: AuditOutcome;
  severity?: AuditSeverity;
  /** Only entries of this severity or higher: `medium` leaves out reads. */
  minSeverity?: AuditSeverity;
  /** ISO times, inclusive `from`, exclusive `to`. */
  from?: string;
  to?: string;
  /** Free text, matched in the redacted meta. */
  text?: string;
  /** From a previous page's `nextCursor`: newest first, keyset pagination. */
  cursor?: string;
  limit?: number;
};

/** One page of a search, newest first. */
export type AuditPage = { items: AuditEntry[]; nextCursor?: string };

/** The result of walking the chain. */
export type AuditVerification =
  | { ok: true; checked: number }
  | {
      ok: false;
      checked: number;
      /** The first entry whose link does not hold: edited, deleted before it, or inserted. */
      firstBroken: { id: string; reason: string };
    };
