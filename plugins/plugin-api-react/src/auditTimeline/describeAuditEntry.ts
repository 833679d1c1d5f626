import { AuditEntry } from '@internal/plugin-audit-common';

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/**
 * A part of a timeline line: words, or a user or group the page shows by its catalog name
 * ("Dana Developer"), linked to its page.
 */
export type AuditPhrasePart = string | { entityRef: string };

/** A user or group ref from an entry, as a part to show by name; `fallback` without one. */
const entity = (value: unknown, fallback: string): AuditPhrasePart => {
  const ref = text(value);
  return ref && /^(user|group):/.test(ref)
    ? { entityRef: ref }
    : ref ?? fallback;
};

/** What the events Gantry's users act on say, in words; others fall back to their ids. */
const PHRASES: Record<string, (entry: AuditEntry) => AuditPhrasePart[]> = {
  'approval-request-create': entry => [
    'opened the approval request for ',
    entity(entry.meta.requester, 'a user'),
  ],
  'approval-request-decide': entry => {
    const decision = entry.meta.decision === 'reject' ? 'rejected' : 'approved';
    const comment = text(entry.meta.comment);
    return [comment ? `${decision}: “${comment}”` : decision];
  },
  'approval-request-cancel': () => ['cancelled the approval request'],
  'approval-request-withdraw': entry => {
    const comment = text(entry.meta.comment);
    return [
      comment
        ? `withdrew the approval request: “${comment}”`
        : 'withdrew the approval request',
    ];
  },
  'approval-request-execution': entry => [
    `marked the approved work ${text(entry.meta.status) ?? 'updated'}`,
  ],
  'approval-request-expire': () => ['expired the approval request'],
  'infra-request-plan': entry => [
    'planned the change requested by ',
    entity(entry.meta.requester, 'its requester'),
  ],
  'infra-approval-requested': () => ['sent the plan for approval'],
  'infra-request-approved': () => ['took the approval; the apply may start'],
  'infra-request-apply': () => ['applied the approved plan'],
  'infra-request-apply-dispatch': () => ['asked to apply now'],
  'infra-request-rejected': () => ['closed the request: rejected'],
  'infra-request-expired': () => ['closed the request: expired'],
  'infra-request-cancelled': () => ['closed the request: cancelled'],
  'infra-resource-provisioned': entry => [
    'provisioned it for ',
    entity(entry.meta.requester, 'its requester'),
  ],
  'infra-resource-destroyed': entry => [
    'destroyed it for ',
    entity(entry.meta.requester, 'its requester'),
  ],
  'entity-mutate': entry => [`${entry.action ?? 'changed'} the entity`],
  'location-mutate': entry => [`${entry.action ?? 'changed'} a location`],
};

/** Who did it, as a person reads it: a user (shown by name), or Gantry for a plugin. */
export function describeAuditActor(entry: AuditEntry): AuditPhrasePart {
  const ref = entry.actor.ref;
  if (!ref) return `Gantry (${entry.plugin})`;
  if (ref.startsWith('user:')) return { entityRef: ref };
  return `Gantry (${ref.replace(/^plugin:/, '')})`;
}

/** One entry as a timeline line: what the actor did, and how it ended. */
export function describeAuditEntry(entry: AuditEntry): AuditPhrasePart[] {
  const phrase = PHRASES[entry.eventId]?.(entry) ?? [
    entry.action ? `${entry.eventId} (${entry.action})` : entry.eventId,
  ];
  if (entry.outcome === 'failed') {
    return [
      ...phrase,
      `, which failed${entry.error ? `: ${entry.error}` : ''}`,
    ];
  }
  if (entry.outcome === 'initiated') return [...phrase, ' (in progress)'];
  return phrase;
}

/** A line's parts as plain text, refs as they are; for tests and places without a catalog. */
export function auditPhraseText(
  parts: AuditPhrasePart | AuditPhrasePart[],
): string {
  return [parts]
    .flat()
    .map(part => (typeof part === 'string' ? part : part.entityRef))
    .join('');
}

/**
 * The entries a timeline shows: outcomes, and a start only while its outcome is missing
 * (still running, or the outcome could not be stored).
 */
export function timelineEntries(entries: AuditEntry[]): AuditEntry[] {
  const ended = new Set(
    entries.filter(e => e.outcome !== 'initiated').map(e => e.correlationId),
  );
  return entries.filter(
    e => e.outcome !== 'initiated' || !ended.has(e.correlationId),
  );
}
