export { RolesTab } from './RolesTab';
