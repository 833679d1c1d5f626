import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { GroupGraph } from './GroupGraph';
import {
  nonEmpty,
  toConditionConfig,
  toCriteria,
  UserClaims,
} from './grantConditions';
import { pluginIdOfResourceType } from './resourceTypePlugins';
import {
  ConditionConfig,
  GrantConfig,
  RoleConfig,
  TemporaryGrant,
} from '@internal/plugin-rbac-common';
import { RbacConfig } from './roleConfig';
import { templateVisibility } from './templateVisibility';

/**
 * Who is asking: the user and the refs their sign-in gave them (user and direct groups). The
 * catalog's direct groups of the user count too.
 */
export type RbacUser = {
  userEntityRef: string;
  ownershipEntityRefs: string[];
};

/**
 * A policy decision with the roles that gave it (empty for a denial) and the temporary
 * grants it depends on: those without which the user would get a different decision.
 */
export type RbacDecision = PolicyDecision & {
  grantedBy: string[];
  temporaryGrantIds: string[];
};

/** One of the user's active temporary grants, with the roles it gives them. */
export type ResolvedTemporaryGrant = {
  grant: TemporaryGrant;
  /** For a role grant, the role (if `gantry.rbac` defines it); for a group, the group's roles. */
  roles: string[];
};

/** A user after group expansion: their refs and roles. */
export type ResolvedUser = UserClaims & {
  /** Every role the user holds, permanent or temporary, in config order. */
  roles: RoleConfig[];
  /** The user's temporary grants in force. */
  temporaryGrants: ResolvedTemporaryGrant[];
  /** The roles the user holds only through a temporary grant, in config order. */
  temporaryRoles: string[];
};

/** What an engine is built from besides the roles and the groups. */
export type RbacEngineOptions = {
  /** The active temporary grants; those already expired at `now` are ignored. */
  temporaryGrants?: TemporaryGrant[];
  /** The moment the engine is built for, in ms; defaults to now. */
  now?: number;
};

type CompiledGrant = {
  role: RoleConfig;
  grant: GrantConfig;
  matches: (permission: Permission) => boolean;
  /** The condition as JSON, to tell the same condition of several roles; '' when none. */
  conditionKey: string;
};

type CachedUser = ResolvedUser & {
  decisions: Map<string, RbacDecision>;
  /** The same user without their temporary grants; absent when they have none. */
  permanent?: CachedUser;
  /** Per temporary grant: the refs it adds to the user's claims. */
  grantRefs: Map<string, string[]>;
};

const MAX_CACHED_USERS = 10_000;

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

function compileGrant(role: RoleConfig, grant: GrantConfig): CompiledGrant {
  const patterns = grant.permissions.map(patternToRegExp);
  return {
    role,
    grant,
    matches: permission =>
      patterns.some(p => p.test(permission.name)) &&
      (!grant.actions ||
        grant.actions.includes(permission.attributes.action ?? 'read')),
    conditionKey: grant.condition ? JSON.stringify(grant.condition) : '',
  };
}

/** The distinct conditions of `grants`, in order: the same condition of several roles once. */
function distinctConditions(grants: CompiledGrant[]): ConditionConfig[] {
  return [
    ...new Map(grants.map(g => [g.conditionKey, g.grant.condition!])).values(),
  ];
}

/**
 * The one rule for composing a decision, for the policy's criteria and the access page's
 * config conditions alike: an allow from any role wins over every conditional grant; the
 * conditional grants are alternatives (any one suffices); template visibility, when the
 * permission has it, must hold on top of either. Returns the alternatives of a conditional
 * decision, or 'allow' / 'deny'.
 */
function composeDecision<C>(
  allowed: boolean,
  granted: C[],
  visible: C | undefined,
  anyOf: (alternatives: C[]) => C,
  allOf: (both: [C, C]) => C,
): C[] | 'allow' | 'deny' {
  if (!allowed && granted.length === 0) return 'deny';
  if (!visible) return allowed ? 'allow' : granted;
  if (allowed) return [visible];
  const grants = granted.length === 1 ? granted[0] : anyOf(granted);
  return [allOf([grants, visible])];
}

/** What a decision depends on in a permission: its name, action and resource type. */
function permissionKey(permission: Permission): string {
  return `${permission.name}\0${permission.attributes.action ?? ''}\0${
    isResourcePermission(permission) ? permission.resourceType : ''
  }`;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Whether two decisions would let the user do the same things. */
function sameDecision(a: RbacDecision, b: RbacDecision): boolean {
  if (a.result !== b.result) return false;
  if (a.result !== AuthorizeResult.CONDITIONAL) return true;
  return (
    b.result === AuthorizeResult.CONDITIONAL &&
    JSON.stringify(a.conditions) === JSON.stringify(b.conditions)
  );
}

/**
 * Gantry's roles, as decisions. Immutable: a config change or a group refresh builds a new
 * engine, so a decision never mixes two versions of the roles.
 *
 * The rules, in one place:
 * - Deny by default. A permission no grant matches is denied, whatever plugin declares it.
 * - A user has a role when the role lists them, one of their groups, or a group above one of
 *   their groups (membership is transitive downwards).
 * - Grants of all the user's roles are a union. An `allow` grant wins over any conditional
 *   one for the same permission; several conditional grants combine with `anyOf`.
 * - Templates are seen and run by tag: `catalog.entity.read` on a Template also needs one of
 *   the template's tags among the user's roles' `templates` (or `*`).
 * - A temporary grant counts until its `expiresAt`: a role grant adds the role, a group grant
 *   counts like a catalog group of the user (its roles, and its refs in the user's claims).
 *   Grants already expired when the engine is built are ignored; whoever holds the engine
 *   builds a new one at the next expiry (`nextExpiry`).
 */
export class RbacEngine {
  private readonly grantsByRole = new Map<string, CompiledGrant[]>();
  private readonly rolesByMember = new Map<string, RoleConfig[]>();
  private readonly users = new Map<string, CachedUser>();
  /** Permission key → role name → the role's grants that match it; roles × permissions is small. */
  private readonly matchesByPermission = new Map<
    string,
    Map<string, CompiledGrant[]>
  >();

  private readonly grantsByUser = new Map<string, TemporaryGrant[]>();
  /** The temporary grants in force in this engine. */
  readonly temporaryGrants: readonly TemporaryGrant[];
  /** When the first of `temporaryGrants` expires, in ms; undefined when there are none. */
  readonly nextExpiry: number | undefined;

  constructor(
    readonly config: RbacConfig,
    readonly groups: GroupGraph,
    options: RbacEngineOptions = {},
  ) {
    const now = options.now ?? Date.now();
    this.temporaryGrants = (options.temporaryGrants ?? []).filter(
      grant => Date.parse(grant.expiresAt) > now,
    );
    for (const grant of this.temporaryGrants) {
      const held = this.grantsByUser.get(grant.userEntityRef) ?? [];
      held.push(grant);
      this.grantsByUser.set(grant.userEntityRef, held);
    }
    this.nextExpiry = this.temporaryGrants.length
      ? Math.min(...this.temporaryGrants.map(g => Date.parse(g.expiresAt)))
      : undefined;
    for (const role of config.roles) {
      this.grantsByRole.set(
        role.name,
        role.grants.map(grant => compileGrant(role, grant)),
      );
      for (const member of role.members) {
        const roles = this.rolesByMember.get(member) ?? [];
        roles.push(role);
        this.rolesByMember.set(member, roles);
      }
    }
  }

  /** The user's refs after group expansion, and their roles. */
  resolve(user: RbacUser): ResolvedUser {
    const {
      decisions: _decisions,
      permanent: _permanent,
      grantRefs: _grantRefs,
      ...resolved
    } = this.cached(user);
    return resolved;
  }

  /**
   * Decides `permission` for `user`, and says which roles gave the decision and which
   * temporary grants it depends on.
   */
  decide(permission: Permission, user: RbacUser): RbacDecision {
    return this.decideFor(permission, this.cached(user));
  }

  private decideFor(permission: Permission, user: CachedUser): RbacDecision {
    const key = permissionKey(permission);
    let decision = user.decisions.get(key);
    if (!decision) {
      decision = this.compute(permission, user);
      if (user.permanent) {
        decision.temporaryGrantIds = this.dependedOn(
          decision,
          this.decideFor(permission, user.permanent),
          user,
        );
      }
      user.decisions.set(key, decision);
    }
    return decision;
  }

  /**
   * The temporary grants a decision depends on: none when the user's permanent roles give
   * the same decision; else the grants that give a role the decision names, and the group
   * grants whose refs its conditions hold. Should neither name one (a template tag of a
   * temporary role, say), every grant of the user is named rather than none.
   */
  private dependedOn(
    decision: RbacDecision,
    permanent: RbacDecision,
    user: CachedUser,
  ): string[] {
    if (sameDecision(decision, permanent)) return [];
    const temporaryRoles = new Set(user.temporaryRoles);
    const named = new Set(
      decision.grantedBy.filter(role => temporaryRoles.has(role)),
    );
    const conditions =
      decision.result === AuthorizeResult.CONDITIONAL
        ? JSON.stringify(decision.conditions)
        : '';
    const ids = user.temporaryGrants
      .filter(
        ({ grant, roles }) =>
          roles.some(role => named.has(role)) ||
          (conditions !== '' &&
            (user.grantRefs.get(grant.id) ?? []).some(ref =>
              conditions.includes(JSON.stringify(ref)),
            )),
      )
      .map(({ grant }) => grant.id);
    return ids.length ? ids : user.temporaryGrants.map(({ grant }) => grant.id);
  }

  /**
   * The roles with a grant that gives `permission` to their members, allowed or on a
   * condition, in config order. A conditional grant on a basic permission gives nothing.
   */
  rolesGranting(permission: Permission): RoleConfig[] {
    return this.config.roles.filter(role =>
      this.matchingGrants(permission, [role]).some(
        g => g.grant.decision === 'allow' || isResourcePermission(permission),
      ),
    );
  }

  /**
   * The conditions of `user`'s conditional decision on `permission` as the roles config
   * writes them, before the user's refs fill their params: any one of them suffices. Empty
   * when the decision is not conditional.
   */
  conditionsOf(permission: Permission, user: RbacUser): ConditionConfig[] {
    const cached = this.cached(user);
    const { allowedBy, conditional } = this.match(permission, cached);
    const visible = templateVisibility(permission, cached.roles);
    const composed = composeDecision<ConditionConfig>(
      allowedBy.length > 0,
      distinctConditions(conditional),
      visible && toConditionConfig(visible),
      conditions => ({ anyOf: conditions }),
      both => ({ allOf: both }),
    );
    return Array.isArray(composed) ? composed : [];
  }

  private match(
    permission: Permission,
    user: CachedUser,
  ): { allowedBy: string[]; conditional: CompiledGrant[] } {
    const matching = this.matchingGrants(permission, user.roles);
    return {
      allowedBy: unique(
        matching
          .filter(g => g.grant.decision === 'allow')
          .map(g => g.role.name),
      ),
      conditional: isResourcePermission(permission)
        ? matching.filter(g => g.grant.condition)
        : [],
    };
  }

  /** The grants of `roles` that match `permission`, each role's matched once per engine. */
  private matchingGrants(
    permission: Permission,
    roles: RoleConfig[],
  ): CompiledGrant[] {
    const key = permissionKey(permission);
    let byRole = this.matchesByPermission.get(key);
    if (!byRole) {
      byRole = new Map();
      this.matchesByPermission.set(key, byRole);
    }
    const matching: CompiledGrant[] = [];
    for (const role of roles) {
      let grants = byRole.get(role.name);
      if (!grants) {
        grants = (this.grantsByRole.get(role.name) ?? []).filter(g =>
          g.matches(permission),
        );
        byRole.set(role.name, grants);
      }
      matching.push(...grants);
    }
    return matching;
  }

  private compute(permission: Permission, user: CachedUser): RbacDecision {
    const { allowedBy, conditional } = this.match(permission, user);
    const allowed = allowedBy.length > 0;
    const composed = composeDecision<PermissionCriteria<PermissionCondition>>(
      allowed,
      // Filled for this user only when they decide: an allow needs none. The same condition
      // from several roles is asked once.
      allowed || !isResourcePermission(permission)
        ? []
        : distinctConditions(conditional).map(c =>
            toCriteria(c, permission.resourceType, user),
          ),
      templateVisibility(permission, user.roles),
      criteria => ({ anyOf: nonEmpty(criteria) }),
      both => ({ allOf: both }),
    );
    if (composed === 'deny') {
      return {
        result: AuthorizeResult.DENY,
        grantedBy: [],
        temporaryGrantIds: [],
      };
    }
    const grantedBy = allowed
      ? allowedBy
      : unique(conditional.map(g => g.role.name));
    if (composed === 'allow' || !isResourcePermission(permission)) {
      return {
        result: AuthorizeResult.ALLOW,
        grantedBy,
        temporaryGrantIds: [],
      };
    }
    return this.conditional(
      permission.resourceType,
      composed.length === 1 ? composed[0] : { anyOf: nonEmpty(composed) },
      grantedBy,
    );
  }

  private conditional(
    resourceType: string,
    conditions: PermissionCriteria<PermissionCondition>,
    grantedBy: string[],
  ): RbacDecision {
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: pluginIdOfResourceType(resourceType),
      resourceType,
      conditions,
      grantedBy,
      temporaryGrantIds: [],
    };
  }

  private cached(user: RbacUser): CachedUser {
    const claims = unique(user.ownershipEntityRefs).sort();
    const key = `${user.userEntityRef}\0${claims.join(',')}`;
    const known = this.users.get(key);
    if (known) return known;

    const userRef = user.userEntityRef;
    const permanent = this.expand(userRef, claims, [], new Map());
    const grants = this.grantsByUser.get(userRef) ?? [];
    let resolved = permanent;
    if (grants.length > 0) {
      const held = new Set(permanent.roles.map(role => role.name));
      const temporaryGrants: ResolvedTemporaryGrant[] = [];
      const grantRefs = new Map<string, string[]>();
      for (const grant of grants) {
        if (grant.target.kind === 'role') {
          const role = grant.target.role;
          grantRefs.set(grant.id, []);
          temporaryGrants.push({
            grant,
            roles: this.grantsByRole.has(role) ? [role] : [],
          });
        } else {
          const group = grant.target.group;
          const refs = unique([
            group,
            ...this.groups.ancestors(group),
            ...this.groups.descendants(group),
          ]);
          grantRefs.set(grant.id, refs);
          temporaryGrants.push({
            grant,
            roles: this.rolesOf([group, ...this.groups.ancestors(group)]).map(
              role => role.name,
            ),
          });
        }
      }
      const roleGrants = grants.flatMap(({ target }) =>
        target.kind === 'role' ? [target.role] : [],
      );
      const groupGrants = grants.flatMap(({ target }) =>
        target.kind === 'group' ? [target.group] : [],
      );
      resolved = this.expand(userRef, claims, groupGrants, grantRefs);
      const extra = new Set(roleGrants);
      resolved.roles = this.config.roles.filter(
        role => resolved.roles.includes(role) || extra.has(role.name),
      );
      resolved.temporaryGrants = temporaryGrants;
      resolved.temporaryRoles = resolved.roles
        .map(role => role.name)
        .filter(name => !held.has(name));
      resolved.permanent = permanent;
    }
    if (this.users.size >= MAX_CACHED_USERS) this.users.clear();
    this.users.set(key, resolved);
    return resolved;
  }

  /** The roles held by any of `refs`, in config order. */
  private rolesOf(refs: string[]): RoleConfig[] {
    const held = new Set(
      refs.flatMap(ref => this.rolesByMember.get(ref) ?? []),
    );
    return this.config.roles.filter(role => held.has(role));
  }

  /** The user's refs and roles, from their claims, catalog groups and `extraGroups`. */
  private expand(
    userRef: string,
    claims: string[],
    extraGroups: string[],
    grantRefs: Map<string, string[]>,
  ): CachedUser {
    // The sign-in's groups and the catalog's, so a membership change counts from the next
    // group refresh, not only from the next sign-in.
    const groups = unique([
      ...claims.filter(ref => ref.startsWith('group:')),
      ...this.groups.groupsOf(userRef),
      ...extraGroups,
    ]);
    const memberRefs = unique([
      userRef,
      ...claims,
      ...groups,
      ...groups.flatMap(g => this.groups.ancestors(g)),
    ]);
    const ownershipRefs = unique([
      userRef,
      ...claims,
      ...groups,
      ...groups.flatMap(g => this.groups.descendants(g)),
    ]);
    return {
      userRef,
      memberRefs,
      ownershipRefs,
      roles: this.rolesOf(memberRefs),
      temporaryGrants: [],
      temporaryRoles: [],
      decisions: new Map(),
      grantRefs,
    };
  }
}
