/** A condition in a grant: one rule, or allOf/anyOf/not of conditions. */
export type ConditionConfig =
  | { rule: string; params?: Record<string, unknown> }
  | { allOf: ConditionConfig[] }
  | { anyOf: ConditionConfig[] }
  | { not: ConditionConfig };

/** What a role may do: permissions by name or pattern, optionally only some actions. */
export type GrantConfig = {
  /** Permission names or patterns: `infra.request.*`, `catalog.entity.read`, `*`. */
  permissions: string[];
  /** Only permissions with one of these `attributes.action`s; all when absent. */
  actions?: Array<'create' | 'read' | 'update' | 'delete'>;
  /** `allow`, or `conditional` with a condition on the permission's resource. */
  decision: 'allow' | 'conditional';
  condition?: ConditionConfig;
};

/** One role: who has it and what it grants. */
export type RoleConfig = {
  name: string;
  description: string;
  /** User and group entity refs. A group's role applies to members of its child groups. */
  members: string[];
  /** Template tags this role may see and run; `*` for every template. */
  templates: string[];
  grants: GrantConfig[];
};
