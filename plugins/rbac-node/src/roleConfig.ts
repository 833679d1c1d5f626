import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ConditionConfig,
  GrantConfig,
  RoleConfig,
} from '@internal/plugin-rbac-common';
import { z } from 'zod';

/** The whole `gantry.rbac` block, validated. */
export type RbacConfig = {
  roles: RoleConfig[];
  /** How often the catalog's groups are read again, in seconds. */
  groupRefreshSeconds: number;
};

const ruleName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'a rule name is UPPER_SNAKE_CASE, like IS_OWNER');

const conditionSchema: z.ZodType<ConditionConfig> = z.lazy(() =>
  z.union([
    z.strictObject({
      rule: ruleName,
      params: z.record(z.string(), z.unknown()).optional(),
    }),
    z.strictObject({ allOf: z.array(conditionSchema).min(1) }),
    z.strictObject({ anyOf: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const permissionPattern = z
  .string()
  .regex(
    /^(\*|[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?)$/,
    'a permission is a name like catalog.entity.read, a pattern like infra.request.*, or *',
  );

const grantSchema = z
  .strictObject({
    permission: z.union([permissionPattern, z.array(permissionPattern).min(1)]),
    actions: z.array(z.enum(['create', 'read', 'update', 'delete'])).optional(),
    decision: z.enum(['allow', 'conditional']).optional(),
    condition: conditionSchema.optional(),
  })
  .superRefine((grant, ctx) => {
    if (grant.decision === 'conditional' && !grant.condition) {
      ctx.addIssue({
        code: 'custom',
        message: 'a conditional grant needs a condition',
      });
    }
    if (grant.decision === 'allow' && grant.condition) {
      ctx.addIssue({
        code: 'custom',
        message: 'an allow grant has no condition; use decision: conditional',
      });
    }
  })
  .transform(
    (grant): GrantConfig => ({
      permissions: Array.isArray(grant.permission)
        ? grant.permission
        : [grant.permission],
      actions: grant.actions,
      decision: grant.condition ? 'conditional' : 'allow',
      condition: grant.condition,
    }),
  );

const entityRef = z
  .string()
  .regex(
    /^(user|group):[a-z0-9-_.]+\/[A-Za-z0-9-_.]+$/,
    'a member is a full user or group ref, like group:default/developers',
  );

const roleSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a role name is kebab-case'),
  description: z.string().min(1),
  members: z.array(entityRef).default([]),
  templates: z.array(z.string().min(1)).default([]),
  grants: z.array(grantSchema).default([]),
});

const rbacSchema = z
  .strictObject({
    roles: z.array(roleSchema).default([]),
    groupRefreshSeconds: z.number().int().min(1).max(3600).default(30),
  })
  .superRefine((rbac, ctx) => {
    const seen = new Set<string>();
    rbac.roles.forEach((role, index) => {
      if (seen.has(role.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles', index, 'name'],
          message: `role ${role.name} is defined twice`,
        });
      }
      seen.add(role.name);
    });
  });

/**
 * Reads and validates `gantry.rbac`. Anything wrong throws an InputError naming the place,
 * so a broken config can be refused while the last good one stays in force.
 */
export function readRbacConfig(config: Config): RbacConfig {
  const raw = config.getOptional('gantry.rbac') ?? {};
  const parsed = rbacSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `gantry.rbac.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new InputError(`Invalid roles config: ${problems.join('; ')}`);
  }
  return parsed.data as RbacConfig;
}
