/**
 * Gantry approvals for other backend plugins.
 *
 * @packageDocumentation
 */

export type {
  ApprovalsService,
  ApprovalExecutionReport,
} from './ApprovalsService';
export { DefaultApprovalsService } from './DefaultApprovalsService';
export { approvalsServiceRef } from './approvalsServiceRef';
export { APPROVALS_EVENTS_TOPIC } from './events';
export type { ApprovalStatusChangedEvent } from './events';
export {
  approvalRequestResourceRef,
  approvalRequestPermissionRules,
  approvalRequestConditions,
  createApprovalRequestConditionalDecision,
} from './permissionRules';
export type { ApprovalRequestFilter } from './permissionRules';
