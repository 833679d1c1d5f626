/**
 * Gantry audit trail: the entry and query types and the audit permission, shared by the
 * frontend and the backends.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './permissions';
