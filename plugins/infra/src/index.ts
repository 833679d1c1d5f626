/**
 * Gantry infrastructure self-service: "My infrastructure", request pages with live apply
 * logs, the plan review (counts and attribute diff) for approvers, and the catalog card of provisioned resources.
 *
 * @packageDocumentation
 */

export {
  infraPlugin,
  InfraPage,
  EntityInfraResourceCard,
  InfraCostEstimateFieldExtension,
  OpsDashboardPage,
  InfraTerraformCheckFieldExtension,
} from './plugin';
export { CostEstimateView } from './components/CostEstimateView';
export {
  MyInfrastructureCard,
  MyOpenRequestsCard,
  useCanRequestInfrastructure,
} from './components/HomeCards';
export type { InfraCostEstimateFieldOptions } from './components/InfraCostEstimateField';
export { PlanReviewView } from './components/PlanReview';
export {
  InfraApprovalDetails,
  InfraApprovalSummary,
  infraApprovalDetailsRenderer,
} from './components/InfraApprovalDetails';
export { isInfraResource } from './components/EntityInfraResourceCard';
export { infraApiRef } from './api/InfraApi';
export type {
  InfraApi,
  ListInfraRequestsOptions,
  ListInfraResourcesOptions,
} from './api/InfraApi';
export { InfraClient } from './api/InfraClient';
export { infraOpsApiRef } from './api/InfraOpsApi';
export type { InfraOpsApi } from './api/InfraOpsApi';
export { InfraOpsClient } from './api/InfraOpsClient';
// The app guards the operations dashboard's route and sidebar item with it.
export { infraOpsReadPermission } from '@internal/plugin-infra-common';
