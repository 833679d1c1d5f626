import { InputError } from '@backstage/errors';
import {
  PLAN_REVIEW_VERSION,
  PlanReviewDocument,
  PlannedActionName,
  actionReasonText,
} from '@internal/plugin-infra-common';
import { z } from 'zod';
import { ChangeSide, diffTree } from './planDiff';

const changeSchema = z
  .object({
    actions: z.array(z.string()).min(1),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    after_unknown: z.unknown().optional(),
    before_sensitive: z.unknown().optional(),
    after_sensitive: z.unknown().optional(),
    replace_paths: z
      .array(z.array(z.union([z.string(), z.number()])))
      .optional(),
    importing: z.object({ id: z.string().optional() }).loose().optional(),
  })
  .loose();

// Only what the review reads; `prior_state`, `planned_values` and `variables` hold values in
// clear and are never read.
const planSchema = z
  .object({
    format_version: z.string(),
    resource_changes: z
      .array(
        z
          .object({
            address: z.string(),
            type: z.string(),
            mode: z.enum(['managed', 'data']).optional(),
            module_address: z.string().optional(),
            previous_address: z.string().optional(),
            action_reason: z.string().optional(),
            change: changeSchema,
          })
          .loose(),
      )
      .default([]),
    output_changes: z.record(z.string(), changeSchema).default({}),
  })
  .loose();

type Change = z.infer<typeof changeSchema>;

function toAction(actions: string[]): PlannedActionName {
  const key = [...actions].sort().join(',');
  switch (key) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
    case 'forget':
      return key;
    case 'create,delete':
      return 'replace';
    default:
      throw new InputError(`Unknown plan actions: ${actions.join(', ')}`);
  }
}

// A create has no "before" and a destroy no "after": their null is absence, not a value.
function sidesOf(change: Change, action: PlannedActionName) {
  const before: ChangeSide = {
    present:
      action !== 'create' && !(action === 'read' && change.before === null),
    value: change.before,
    sensitive: change.before_sensitive,
    unknown: undefined,
  };
  const after: ChangeSide = {
    present: action !== 'delete' && action !== 'forget',
    value: change.after,
    sensitive: change.after_sensitive,
    unknown: change.after_unknown,
  };
  return { before, after };
}

const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map(i => `${i.path.join('.') || '(document)'}: ${i.message}`)
    .join('; ');

/**
 * Parses `terraform show -json <planfile>` into the stored plan review: counts like
 * terraform prints them, every resource change with its attribute diff, the changed outputs.
 * Sensitive values become markers here and go no further. Throws an `InputError` naming
 * what is wrong when the document is not a plan.
 */
export function parsePlanReview(showJson: unknown): PlanReviewDocument {
  const parsed = planSchema.safeParse(showJson);
  if (!parsed.success) {
    throw new InputError(
      `Not a Terraform plan document: ${describeIssues(parsed.error)}`,
    );
  }
  const review: PlanReviewDocument = {
    version: PLAN_REVIEW_VERSION,
    add: 0,
    change: 0,
    destroy: 0,
    replace: 0,
    noop: 0,
    read: 0,
    import: 0,
    move: 0,
    resources: [],
    outputs: [],
  };
  for (const rc of parsed.data.resource_changes) {
    const action = toAction(rc.change.actions);
    if (action === 'create') review.add++;
    if (action === 'update') review.change++;
    if (action === 'delete') review.destroy++;
    if (action === 'replace') {
      review.replace++;
      review.add++;
      review.destroy++;
    }
    if (action === 'no-op') review.noop++;
    if (action === 'read') review.read++;
    if (rc.change.importing) review.import++;
    if (rc.previous_address) review.move++;
    const { before, after } = sidesOf(rc.change, action);
    review.resources.push({
      address: rc.address,
      ...(rc.previous_address && { previousAddress: rc.previous_address }),
      ...(rc.module_address && { moduleAddress: rc.module_address }),
      type: rc.type,
      mode: rc.mode ?? 'managed',
      action,
      ...(rc.action_reason && {
        actionReason: rc.action_reason,
        actionReasonText: actionReasonText(rc.action_reason),
      }),
      ...(rc.change.importing && {
        importing: { id: rc.change.importing.id },
      }),
      diff: diffTree(before, after, rc.change.replace_paths),
    });
  }
  for (const [name, change] of Object.entries(parsed.data.output_changes)) {
    const action = toAction(change.actions);
    if (action === 'no-op') continue;
    const { before, after } = sidesOf(change, action);
    review.outputs.push({ name, action, diff: diffTree(before, after) });
  }
  return review;
}
