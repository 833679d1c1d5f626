import { AuditEntry } from '@internal/plugin-audit-common';

/** An audit entry for frontend tests, with the given overrides. */
export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: '42',
    timestamp: '2025-01-31T12:00:00.000Z',
    correlationId: 'corr-1',
    actor: {
      ref: 'user:default/dev',
      type: 'user',
      ip: '10.0.0.1',
      userAgent: 'Firefox',
    },
    plugin: 'infra',
    eventId: 'infra-apply',
    action: 'apply',
    target: 'req-1',
    outcome: 'succeeded',
    severity: 'high',
    meta: { bucket: 'logs', token: '[redacted]' },
    hash: 'a'.repeat(64),
    prevHash: 'b'.repeat(64),
    ...overrides,
  };
}
