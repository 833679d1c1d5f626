/**
 * Gantry roles: the role types, the access page's API types and its permission, shared by
 * the frontend and the backends.
 *
 * @packageDocumentation
 */

export * from './roles';
export * from './api';
export * from './permissions';
export * from './temporaryGrants';
