/**
 * Gantry's local sign-in provider for the auth backend.
 *
 * @packageDocumentation
 */

export { authModuleGantryDevProvider as default } from './module';
export { DEV_USER_HEADER } from './authenticator';
