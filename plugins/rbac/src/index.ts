/**
 * Gantry roles in the frontend: the admins' access page (roles, what a user can do, who can
 * do what, the matrix and its CSV export, how to change roles) and the denial message that
 * names the roles that would allow something.
 *
 * @packageDocumentation
 */

export { rbacPlugin, RbacPage } from './plugin';
export {
  RequiredRolesMessage,
  useRequiredRoles,
} from './components/RequiredRolesMessage';
export { rbacApiRef } from './api/RbacApi';
export type {
  RbacApi,
  AccessMatrixFilters,
  AccessMatrixQuery,
  WhoCanQuery,
} from './api/RbacApi';
export { RbacClient } from './api/RbacClient';
