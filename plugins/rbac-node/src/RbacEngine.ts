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

/** A policy decision with the roles that gave it; empty for a denial. */
export type RbacDecision = PolicyDecision & { grantedBy: string[] };

/** A user after group expansion: their refs and roles. */
export type ResolvedUser = UserClaims & { roles: RoleConfig[] };

type CompiledGrant = {
  role: RoleConfig;
  grant: GrantConfig;
  matches: (permission: Permission) => boolean;
  /** The condition as JSON, to tell the same condition of several roles; '' when none. */
  conditionKey: string;
};

type CachedUser = ResolvedUser & {
  decisions: Map<string, RbacDecision>;
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

  constructor(readonly config: RbacConfig, readonly groups: GroupGraph) {
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
    const { decisions: _decisions, ...resolved } = this.cached(user);
    return resolved;
  }

  /** Decides `permission` for `user`, and says which roles gave the decision. */
  decide(permission: Permission, user: RbacUser): RbacDecision {
    const cached = this.cached(user);
    const key = permissionKey(permission);
    let decision = cached.decisions.get(key);
    if (!decision) {
      decision = this.compute(permission, cached);
      cached.decisions.set(key, decision);
    }
    return decision;
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
      return { result: AuthorizeResult.DENY, grantedBy: [] };
    }
    const grantedBy = allowed
      ? allowedBy
      : unique(conditional.map(g => g.role.name));
    if (composed === 'allow' || !isResourcePermission(permission)) {
      return { result: AuthorizeResult.ALLOW, grantedBy };
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
    };
  }

  private cached(user: RbacUser): CachedUser {
    const claims = unique(user.ownershipEntityRefs).sort();
    const key = `${user.userEntityRef}\0${claims.join(',')}`;
    const known = this.users.get(key);
    if (known) return known;

    const userRef = user.userEntityRef;
    // The sign-in's groups and the catalog's, so a membership change counts from the next
    // group refresh, not only from the next sign-in.
    const groups = unique([
      ...claims.filter(ref => ref.startsWith('group:')),
      ...this.groups.groupsOf(userRef),
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
    const held = new Set(
      memberRefs.flatMap(ref => this.rolesByMember.get(ref) ?? []),
    );
    const roles = this.config.roles.filter(role => held.has(role));
    const resolved: CachedUser = {
      userRef,
      memberRefs,
      ownershipRefs,
      roles,
      decisions: new Map(),
    };
    if (this.users.size >= MAX_CACHED_USERS) this.users.clear();
    this.users.set(key, resolved);
    return resolved;
  }
}
