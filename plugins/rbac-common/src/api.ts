import { ConditionConfig, RoleConfig } from './roles';
import { TemporaryGrantTarget } from './temporaryGrants';

/** The outcome of a decision as the access page shows it. */
export type AccessResult = 'ALLOW' | 'CONDITIONAL' | 'DENY';

/** A permission some installed plugin declares, as its metadata endpoint lists it. */
export type PermissionInfo = {
  name: string;
  pluginId: string;
  type: 'basic' | 'resource';
  /** For resource permissions. */
  resourceType?: string;
  action?: 'create' | 'read' | 'update' | 'delete';
};

/** A role member: a user, or a group with every user in it or in a group below it. */
export type RoleMember = {
  ref: string;
  kind: 'user' | 'group';
  /** For a group: its users, nested groups expanded. For a user: the user. */
  users: string[];
};

/** `GET /roles`: a role as config defines it, with its members resolved from the catalog. */
export type RoleView = Omit<RoleConfig, 'members'> & {
  members: RoleMember[];
  /** Every user who holds the role, through any member. */
  userCount: number;
};

/** One permission's decision for one user, and the roles that gave it. */
export type AccessCell = {
  result: AccessResult;
  grantedBy: string[];
  /** For a conditional decision: the conditions the user's roles give, before params fill. */
  conditions?: ConditionConfig[];
  /** The temporary grants the decision depends on; absent when it depends on none. */
  temporaryGrantIds?: string[];
};

/** One of a user's temporary grants in force, as the access page shows it. */
export type UserTemporaryGrant = {
  id: string;
  target: TemporaryGrantTarget;
  /** ISO 8601: the grant gives nothing from then on. */
  expiresAt: string;
  /** The roles it gives the user: the role, or the roles of the group. */
  roles: string[];
};

/** `GET /access/user?userRef=`: everything one user may do. */
export type UserAccess = {
  userRef: string;
  /** Every role the user holds, permanent or through a temporary grant. */
  roles: string[];
  /** Those of `roles` the user holds only through a temporary grant. */
  temporaryRoles: string[];
  /** The user's temporary grants in force, soonest expiry first. */
  temporaryGrants: UserTemporaryGrant[];
  /** The user's groups and every group above them, granted groups included. */
  memberOf: string[];
  permissions: Array<{ permission: PermissionInfo } & AccessCell>;
};

/** `GET /access/who?permission=&resourceRef=`: who may do a permission, on a resource if given. */
export type WhoCan = {
  permission: PermissionInfo;
  /** For a resource permission: the entity ref or request id asked about. */
  resourceRef?: string;
  users: Array<{ userRef: string; result: AccessResult; grantedBy: string[] }>;
};

/** `GET /matrix`: users by permissions, a page of users at a time. */
export type AccessMatrix = {
  permissions: PermissionInfo[];
  rows: Array<{
    userRef: string;
    roles: string[];
    cells: Record<string, AccessCell>;
  }>;
  totalUsers: number;
  /** Offset of the next page; absent on the last. */
  nextOffset?: number;
};

/** `GET /required-roles?permission=`: which roles grant a permission, for a friendly denial. */
export type RequiredRoles = {
  permission: string;
  roles: Array<{ name: string; description: string }>;
};
