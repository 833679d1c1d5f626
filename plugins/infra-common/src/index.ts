/**
 * Gantry infrastructure self-service: types, zod schemas and permissions shared by the
 * frontend, the backend and the scaffolder actions.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './parameters';
export * from './permissions';
export * from './planSummary';
export * from './constants';
export * from './approvalPayload';
