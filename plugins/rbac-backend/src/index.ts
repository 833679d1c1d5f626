/**
 * Gantry roles: the access page's backend plugin.
 *
 * @packageDocumentation
 */

export { rbacPlugin as default } from './plugin';
