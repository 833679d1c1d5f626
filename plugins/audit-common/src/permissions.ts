import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of audit entries in the permission framework. */
export const AUDIT_EVENT_RESOURCE_TYPE = 'audit-event';

/** Read audit entries: every entry for admins; conditional rules can narrow it to a target. */
export const auditEventReadPermission = createPermission({
  name: 'audit.event.read',
  attributes: { action: 'read' },
  resourceType: AUDIT_EVENT_RESOURCE_TYPE,
});

/**
 * Open the audit page and search the whole trail. Basic, so the browser can ask about it
 * (a resource permission needs a resource); every read still checks `audit.event.read`.
 */
export const auditTrailReadPermission = createPermission({
  name: 'audit.trail.read',
  attributes: { action: 'read' },
});

/** Every permission the audit plugin declares. */
export const auditPermissions = [
  auditEventReadPermission,
  auditTrailReadPermission,
];
