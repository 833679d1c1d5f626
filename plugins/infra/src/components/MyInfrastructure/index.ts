export { MyInfrastructurePage } from './MyInfrastructurePage';
