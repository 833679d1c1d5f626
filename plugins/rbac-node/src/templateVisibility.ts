import {
  AuthorizeResult,
  Permission,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { RoleConfig } from './roleConfig';

type Decision = {
  result: AuthorizeResult;
  conditions?: PermissionCriteria<PermissionCondition>;
  grantedBy: string[];
};

/** Every template, for `templates: ['*']`. */
export const ALL_TEMPLATES = '*';

/**
 * Templates are seen, and so run, by tag. The scaffolder reads a template from the catalog
 * with the user's own credentials, on the Create page and when a task starts, so narrowing
 * `catalog.entity.read` on Templates closes every path to a template the user has no tag
 * for. Other kinds are not affected.
 */
export function templateVisibility<D extends Decision>(
  permission: Permission,
  decision: D,
  roles: RoleConfig[],
  conditional: (
    conditions: PermissionCriteria<PermissionCondition>,
    grantedBy: string[],
  ) => D,
): D {
  if (permission.name !== 'catalog.entity.read') return decision;
  const tags = new Set(roles.flatMap(role => role.templates));
  if (tags.has(ALL_TEMPLATES)) return decision;

  const visible: PermissionCriteria<PermissionCondition> = {
    anyOf: [
      {
        not: {
          rule: 'IS_ENTITY_KIND',
          resourceType: 'catalog-entity',
          params: { kinds: ['template'] },
        },
      },
      ...[...tags].map(tag => ({
        rule: 'HAS_METADATA',
        resourceType: 'catalog-entity',
        params: { key: 'tags', value: tag },
      })),
    ],
  };
  if (decision.result === AuthorizeResult.ALLOW) {
    return conditional(visible, decision.grantedBy);
  }
  return conditional(
    { allOf: [decision.conditions!, visible] },
    decision.grantedBy,
  );
}
