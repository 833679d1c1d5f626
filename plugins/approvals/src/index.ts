/**
 * Gantry approvals: the inbox, request pages, "my requests" and the sidebar badge.
 *
 * @packageDocumentation
 */

export { approvalsPlugin, ApprovalsPage } from './plugin';
export { ApprovalsSidebarItem } from './components/ApprovalsSidebarItem';
export { WaitingForMyApprovalCard } from './components/HomeCards';
export { DetailsView } from './components/DetailsView';
export type {
  DetailsComponent,
  DetailsRenderer,
  DetailsRenderers,
} from './components/RequestPage';
export { approvalsApiRef } from './api/ApprovalsApi';
export type {
  ApprovalsApi,
  ListApprovalRequestsOptions,
} from './api/ApprovalsApi';
export { ApprovalsClient } from './api/ApprovalsClient';
