/** What a plan does to one resource. */
export type PlannedActionName =
  | 'create'
  | 'update'
  | 'delete'
  | 'replace'
  | 'no-op'
  | 'read';

/**
 * The plan summary as stored and shown to approvers: counts, and every resource with its
 * address, type and action. Attribute values are never included.
 */
export type PlanSummaryDocument = {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  resources: Array<{
    address: string;
    type: string;
    action: PlannedActionName;
  }>;
};

/** Is this value shaped like a {@link PlanSummaryDocument}? */
export function isPlanSummaryDocument(
  value: unknown,
): value is PlanSummaryDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.add === 'number' &&
    typeof v.change === 'number' &&
    typeof v.destroy === 'number' &&
    Array.isArray(v.resources)
  );
}
