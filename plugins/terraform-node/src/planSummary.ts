import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** What a plan does to one resource. */
export type PlannedAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'replace'
  | 'no-op'
  | 'read';

/** One resource in a plan: addresses and actions only, never attribute values. */
export type PlannedResource = {
  address: string;
  type: string;
  name: string;
  module?: string;
  action: PlannedAction;
  actionReason?: string;
  previousAddress?: string;
};

/**
 * The counts terraform prints ("Plan: X to add, Y to change, Z to destroy"; a replacement
 * counts as one add and one destroy), the replacements separately, and every resource.
 */
export type PlanSummary = {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  noop: number;
  read: number;
  resources: PlannedResource[];
  /** Names of outputs the plan creates, updates or deletes. */
  outputs: string[];
};

const planSchema = z
  .object({
    format_version: z.string(),
    resource_changes: z
      .array(
        z
          .object({
            address: z.string(),
            type: z.string(),
            name: z.string(),
            module_address: z.string().optional(),
            previous_address: z.string().optional(),
            action_reason: z.string().optional(),
            change: z.object({ actions: z.array(z.string()).min(1) }).loose(),
          })
          .loose(),
      )
      .default([]),
    output_changes: z
      .record(z.string(), z.object({ actions: z.array(z.string()) }).loose())
      .default({}),
  })
  .loose();

function toAction(actions: string[]): PlannedAction {
  const key = [...actions].sort().join(',');
  switch (key) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
      return key;
    case 'create,delete':
      return 'replace';
    default:
      throw new InputError(`Unknown plan actions: ${actions.join(', ')}`);
  }
}

/** Summarises a `terraform show -json <planfile>` document. */
export function summarizePlan(showJson: unknown): PlanSummary {
  const parsed = planSchema.safeParse(showJson);
  if (!parsed.success) {
    throw new InputError(
      `Not a terraform plan document: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const summary: PlanSummary = {
    add: 0,
    change: 0,
    destroy: 0,
    replace: 0,
    noop: 0,
    read: 0,
    resources: [],
    outputs: [],
  };
  for (const rc of parsed.data.resource_changes) {
    const action = toAction(rc.change.actions);
    if (action === 'create') summary.add++;
    if (action === 'update') summary.change++;
    if (action === 'delete') summary.destroy++;
    if (action === 'replace') {
      summary.replace++;
      summary.add++;
      summary.destroy++;
    }
    if (action === 'no-op') summary.noop++;
    if (action === 'read') summary.read++;
    summary.resources.push({
      address: rc.address,
      type: rc.type,
      name: rc.name,
      module: rc.module_address,
      action,
      actionReason: rc.action_reason,
      previousAddress: rc.previous_address,
    });
  }
  summary.outputs = Object.entries(parsed.data.output_changes)
    .filter(([, change]) => !change.actions.every(a => a === 'no-op'))
    .map(([name]) => name);
  return summary;
}
