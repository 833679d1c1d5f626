/**
 * Gantry infrastructure self-service: the service other backend plugins call to plan and
 * apply requests and to list resources.
 *
 * @packageDocumentation
 */

export type { InfraService, OnBehalfOf } from './InfraService';
export { DefaultInfraService } from './DefaultInfraService';
export { infraServiceRef } from './infraServiceRef';
export { INFRA_EVENTS_TOPIC } from './events';
export type { InfraResourceChangedEvent } from './events';
export {
  infraRequestResourceRef,
  infraRequestPermissionRules,
  infraRequestConditions,
  createInfraRequestConditionalDecision,
} from './permissionRules';
export type { InfraRequestFilter } from './permissionRules';
