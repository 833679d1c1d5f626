// Pages of other plugins, at the paths the Gantry app mounts them. Plain paths keep these
// components usable where the other plugin's routes are not bound (tests, other apps).

/** The approvals plugin's page of one approval request. */
export const approvalRequestPath = (approvalId: string) =>
  `/approvals/requests/${encodeURIComponent(approvalId)}`;

/** The catalog page of the `Resource` entity the infra backend provides for a resource. */
export const catalogResourcePath = (name: string) =>
  `/catalog/default/resource/${encodeURIComponent(name)}`;
