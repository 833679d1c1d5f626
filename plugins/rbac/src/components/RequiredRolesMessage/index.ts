export { RequiredRolesMessage } from './RequiredRolesMessage';
export { useRequiredRoles } from './useRequiredRoles';
