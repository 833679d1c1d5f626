/**
 * Gantry approvals for the scaffolder: the `gantry:approval:request` action.
 *
 * @packageDocumentation
 */

export { scaffolderModuleApprovals as default } from './module';
export { createRequestApprovalAction } from './actions/requestApproval';
