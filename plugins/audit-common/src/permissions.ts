import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of audit entries in the permission framework. */
export const AUDIT_EVENT_RESOURCE_TYPE = 'audit-event';

/** The conditional rules on audit entries, by the name a role's grant uses. */
export const AUDIT_EVENT_RULES = {
  /** The entries about an entity that the user, or one of their groups, owns. */
  IS_OWNER: 'IS_OWNER',
} as const;

/**
 * Read audit entries: every entry for admins; for owners (`IS_OWNER`), the entries about an
 * entity they own, as its activity card shows them. The resource is the entries' target.
 */
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
