export { UserAccessTab } from './UserAccessTab';
