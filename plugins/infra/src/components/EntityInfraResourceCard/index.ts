export { EntityInfraResourceCard } from './EntityInfraResourceCard';
export { isInfraResource } from './isInfraResource';
