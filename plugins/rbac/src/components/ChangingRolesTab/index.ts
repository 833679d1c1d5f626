export { ChangingRolesTab } from './ChangingRolesTab';
