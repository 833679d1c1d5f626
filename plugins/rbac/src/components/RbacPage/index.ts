export { RbacPage } from './RbacPage';
