/**
 * Gantry infrastructure self-service backend.
 *
 * @packageDocumentation
 */

export { infraPlugin as default } from './plugin';
