/**
 * Gantry approvals: types, zod schemas and permissions shared by the frontend and backends.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './permissions';
export * from './statusLabels';
export * from './search';
