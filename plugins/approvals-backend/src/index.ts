/**
 * Gantry's approvals backend plugin.
 *
 * @packageDocumentation
 */

export { approvalsPlugin as default } from './plugin';
