export { MyOpenRequestsCard } from './MyOpenRequestsCard';
export { MyInfrastructureCard } from './MyInfrastructureCard';
export { useCanRequestInfrastructure } from './useCanRequestInfrastructure';
