/**
 * Gantry infrastructure self-service for the catalog: provisioned resources as `Resource`
 * entities.
 *
 * @packageDocumentation
 */

export { catalogModuleInfra as default } from './module';
export { InfraEntityProvider, resourceToEntity } from './InfraEntityProvider';
