import { z } from 'zod';

/** What a plan does to one resource. */
export const PLANNED_ACTIONS = [
  'create',
  'update',
  'delete',
  'replace',
  'no-op',
  'read',
  'forget',
] as const;

/** What a plan does to one resource. */
export type PlannedActionName = (typeof PLANNED_ACTIONS)[number];

/** The version of {@link PlanReviewDocument} written today. */
export const PLAN_REVIEW_VERSION = 2;

/**
 * One side of an attribute: a JSON scalar, a container whose content is in the node's
 * children, or a marker for what the plan does not show. A sensitive value is only ever
 * stored as the marker: its clear value never enters the document.
 */
export type PlanValue =
  | { type: 'value'; value: string | number | boolean | null }
  | { type: 'object' }
  | { type: 'list' }
  | { type: 'sensitive' }
  | { type: 'unknown' };

/** How one attribute changes between the prior state and the plan. */
export type PlanAttributeChange = 'added' | 'removed' | 'changed' | 'unchanged';

/**
 * One attribute (or nested block, object, list element) in a diff tree. A side that is
 * absent did not exist before (`before`) or will not exist after (`after`).
 */
export type PlanDiffNode = {
  /** The attribute name or list index in the parent; absent on the root. */
  key?: string | number;
  change: PlanAttributeChange;
  /** Terraform replaces the resource because this attribute changes (`replace_paths`). */
  forcesReplacement?: boolean;
  before?: PlanValue;
  after?: PlanValue;
  /** The content of an object or list side, in key or index order. */
  children?: PlanDiffNode[];
};

/** One resource (or data source) change in a plan, with its attribute diff. */
export type PlanResourceChange = {
  address: string;
  /** Where a `moved` block moved it from. */
  previousAddress?: string;
  moduleAddress?: string;
  type: string;
  /** `data` for a data source, read rather than managed. */
  mode: 'managed' | 'data';
  action: PlannedActionName;
  /** Terraform's `action_reason` code, e.g. `replace_because_tainted`. */
  actionReason?: string;
  /** The `action_reason` in words, e.g. "replaced because it is tainted". */
  actionReasonText?: string;
  /** Set when the plan imports an existing object; `id` is the import id. */
  importing?: { id?: string };
  /** The attribute diff; absent on summaries stored before version 2. */
  diff?: PlanDiffNode;
};

/** One root module output a plan creates, changes or deletes. */
export type PlanOutputChange = {
  name: string;
  action: PlannedActionName;
  diff: PlanDiffNode;
};

/**
 * The stored plan review, version 2: Terraform's counts ("Plan: X to add, Y to change, Z to
 * destroy"; a replacement counts as one add and one destroy), every resource change with its
 * attribute diff, and the changed outputs. Sensitive values appear only as markers.
 */
export type PlanReviewDocument = {
  version: typeof PLAN_REVIEW_VERSION;
  add: number;
  change: number;
  destroy: number;
  replace: number;
  noop: number;
  read: number;
  import: number;
  move: number;
  resources: PlanResourceChange[];
  outputs: PlanOutputChange[];
};

const planValueSchema: z.ZodType<PlanValue> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('value'),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  }),
  z.object({ type: z.literal('object') }),
  z.object({ type: z.literal('list') }),
  z.object({ type: z.literal('sensitive') }),
  z.object({ type: z.literal('unknown') }),
]);

/** A diff tree node, validated recursively. */
export const planDiffNodeSchema: z.ZodType<PlanDiffNode> = z.lazy(() =>
  z.object({
    key: z.union([z.string(), z.number()]).optional(),
    change: z.enum(['added', 'removed', 'changed', 'unchanged']),
    forcesReplacement: z.boolean().optional(),
    before: planValueSchema.optional(),
    after: planValueSchema.optional(),
    children: z.array(planDiffNodeSchema).optional(),
  }),
);

const count = z.number().int().nonnegative();

/** The stored plan review, version 2. */
export const planReviewDocumentSchema: z.ZodType<PlanReviewDocument> = z.object(
  {
    version: z.literal(PLAN_REVIEW_VERSION),
    add: count,
    change: count,
    destroy: count,
    replace: count,
    noop: count,
    read: count,
    import: count,
    move: count,
    resources: z.array(
      z.object({
        address: z.string(),
        previousAddress: z.string().optional(),
        moduleAddress: z.string().optional(),
        type: z.string(),
        mode: z.enum(['managed', 'data']),
        action: z.enum(PLANNED_ACTIONS),
        actionReason: z.string().optional(),
        actionReasonText: z.string().optional(),
        importing: z.object({ id: z.string().optional() }).optional(),
        diff: planDiffNodeSchema.optional(),
      }),
    ),
    outputs: z.array(
      z.object({
        name: z.string(),
        action: z.enum(PLANNED_ACTIONS),
        diff: planDiffNodeSchema,
      }),
    ),
  },
);

// What rows and approvals stored before version 2 hold: counts and addresses, no values.
const planSummaryV1Schema = z.object({
  add: count,
  change: count,
  destroy: count,
  replace: count,
  resources: z.array(
    z.object({
      address: z.string(),
      type: z.string(),
      action: z.enum(PLANNED_ACTIONS),
    }),
  ),
});

function fromV1(v1: z.infer<typeof planSummaryV1Schema>): PlanReviewDocument {
  return {
    version: PLAN_REVIEW_VERSION,
    add: v1.add,
    change: v1.change,
    destroy: v1.destroy,
    replace: v1.replace,
    noop: 0,
    read: 0,
    import: 0,
    move: 0,
    resources: v1.resources.map(r => ({
      address: r.address,
      type: r.type,
      mode: r.action === 'read' ? 'data' : 'managed',
      action: r.action,
    })),
    outputs: [],
  };
}

/**
 * A stored plan review of any version, read as the current one: version 2 as is, a version 1
 * summary (no `version`) without attribute diffs.
 */
export const storedPlanReviewSchema: z.ZodType<PlanReviewDocument, unknown> =
  z.union([planReviewDocumentSchema, planSummaryV1Schema.transform(fromV1)]);

/** Reads a stored plan review of any version, or undefined when it is none. */
export function readStoredPlanReview(
  stored: unknown,
): PlanReviewDocument | undefined {
  const parsed = storedPlanReviewSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}
