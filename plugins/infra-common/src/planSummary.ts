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
