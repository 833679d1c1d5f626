export { InfraPage } from './InfraPage';
