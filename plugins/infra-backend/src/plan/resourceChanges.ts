import { JsonObject, JsonValue } from '@backstage/types';
import { z } from 'zod';

/** The part of a `terraform show -json` resource change the guardrails and the estimate read. */
export type ResourceChange = {
  address?: string;
  type?: string;
  name?: string;
  mode?: string;
  change?: { actions?: string[]; before?: JsonValue; after?: JsonValue };
};

/** A JSON value as an object; anything else (null, a list, unknown) as an empty one. */
export const asObject = (value: JsonValue | undefined): JsonObject =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

const planSchema = z
  .object({
    resource_changes: z
      .array(
        z
          .object({
            address: z.string(),
            type: z.string(),
            name: z.string(),
            mode: z.string().optional(),
            change: z
              .object({
                actions: z.array(z.string()),
                before: z.unknown(),
                after: z.unknown(),
              })
              .loose(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

/**
 * The managed resources a plan changes (no-ops and data sources left out). The plan was
 * parsed for its review already; a shape that still does not fit fails the plan.
 */
export function managedResourceChangesOf(plan: unknown): ResourceChange[] {
  return (planSchema.parse(plan).resource_changes as ResourceChange[]).filter(
    c =>
      (c.mode ?? 'managed') === 'managed' &&
      !(c.change?.actions ?? []).every(a => a === 'no-op'),
  );
}

/**
 * The attributes of a resource on one side of its change. A sandbox module's
 * `terraform_data` keeps its AWS twin's attributes in `input`, so those are its attributes.
 */
export function attributesOf(
  change: ResourceChange,
  side: 'before' | 'after',
): JsonObject {
  const values = asObject(change.change?.[side]);
  return change.type === 'terraform_data' ? asObject(values.input) : values;
}

/** Whether a change removes the resource without creating it again. */
export const isDestroyOnly = (change: ResourceChange): boolean => {
  const actions = change.change?.actions ?? [];
  return actions.includes('delete') && !actions.includes('create');
};

/** The attributes a resource will have: after its change, or before it for a destroy. */
export function plannedAttributesOf(change: ResourceChange): JsonObject {
  return attributesOf(change, isDestroyOnly(change) ? 'before' : 'after');
}
