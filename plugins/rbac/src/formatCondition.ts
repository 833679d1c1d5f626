import { ConditionConfig } from '@internal/plugin-rbac-common';

function formatParam(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatParam).join(', ')}]`;
  return JSON.stringify(value);
}

/**
 * A condition as one line for people: `IS_OWNER`, `anyOf(IS_REQUESTER, IS_OWNER)`,
 * `HAS_ACTION_ID(actionId=debug:log)`.
 */
export function formatCondition(condition: ConditionConfig): string {
  if ('rule' in condition) {
    const params = Object.entries(condition.params ?? {});
    if (params.length === 0) return condition.rule;
    const list = params
      .map(([key, value]) => `${key}=${formatParam(value)}`)
      .join(', ');
    return `${condition.rule}(${list})`;
  }
  if ('allOf' in condition) {
    return `allOf(${condition.allOf.map(formatCondition).join(', ')})`;
  }
  if ('anyOf' in condition) {
    return `anyOf(${condition.anyOf.map(formatCondition).join(', ')})`;
  }
  return `not(${formatCondition(condition.not)})`;
}

/** Several conditions, any of which allows, as one line. */
export function formatConditions(conditions: ConditionConfig[]): string {
  if (conditions.length === 1) return formatCondition(conditions[0]);
  return formatCondition({ anyOf: conditions });
}
