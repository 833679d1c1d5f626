/**
 * Temporary grants: a role or a group held by one user until a moment. A plugin that grants
 * access for a limited time (the access-requests plugin) serves the active ones; the
 * permission policy and the access page read them and add them to the user's roles.
 */

/** What a temporary grant gives: a role of `gantry.rbac`, or membership of a catalog group. */
export type TemporaryGrantTarget =
  | { kind: 'role'; role: string }
  | { kind: 'group'; group: string };

/** One active temporary grant. */
export type TemporaryGrant = {
  id: string;
  /** Who holds it, as an entity ref (`user:default/dana`). */
  userEntityRef: string;
  target: TemporaryGrantTarget;
  /** ISO 8601; the grant gives nothing from this moment on, whether or not it was swept yet. */
  expiresAt: string;
};

/** The answer of `GET /api/<TEMPORARY_GRANTS_PLUGIN_ID><TEMPORARY_GRANTS_PATH>`. */
export type TemporaryGrantList = { items: TemporaryGrant[] };

/** The plugin that serves the active temporary grants. */
export const TEMPORARY_GRANTS_PLUGIN_ID = 'access-requests';

/**
 * The route, under that plugin's base URL, that lists the active grants. Only the plugins
 * that decide or show permissions (`permission`, `rbac`) may call it.
 */
export const TEMPORARY_GRANTS_PATH = '/grants/active';

/**
 * The events topic on which the granting plugin announces that its active grants changed
 * (granted, revoked, expired). Readers fetch the list again on each event.
 */
export const TEMPORARY_GRANTS_EVENTS_TOPIC = 'gantry.temporary-grants';
