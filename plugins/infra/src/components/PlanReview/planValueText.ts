import { PlanValue } from '@internal/plugin-infra-common';

/** How one side of an attribute reads: JSON for values, words for what the plan hides. */
export function planValueText(value: PlanValue): string {
  switch (value.type) {
    case 'sensitive':
      return '(sensitive)';
    case 'unknown':
      return '(known after apply)';
    case 'object':
      return '{…}';
    case 'list':
      return '[…]';
    default:
      return JSON.stringify(value.value);
  }
}
