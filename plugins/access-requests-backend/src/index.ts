/**
 * The Gantry access-requests backend plugin.
 *
 * @packageDocumentation
 */

export { accessRequestsPlugin as default } from './plugin';
