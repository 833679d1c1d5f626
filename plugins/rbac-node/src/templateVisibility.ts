import {
  Permission,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { RoleConfig } from '@internal/plugin-rbac-common';

/** Every template, for `templates: ['*']`. */
export const ALL_TEMPLATES = '*';

/**
 * Templates are seen, and so run, by tag. The scaffolder reads a template from the catalog
 * with the user's own credentials, on the Create page and when a task starts, so narrowing
 * `catalog.entity.read` on Templates closes every path to a template the user has no tag
 * for. Other kinds are not affected.
 *
 * Returns the condition a catalog read must also meet, or nothing when `permission` is not
 * a catalog read or the roles grant every template.
 */
export function templateVisibility(
  permission: Permission,
  roles: RoleConfig[],
): PermissionCriteria<PermissionCondition> | undefined {
  if (permission.name !== 'catalog.entity.read') return undefined;
  const tags = new Set(roles.flatMap(role => role.templates));
  if (tags.has(ALL_TEMPLATES)) return undefined;
  return {
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
}
