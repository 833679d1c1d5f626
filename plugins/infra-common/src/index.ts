/**
 * Gantry infrastructure self-service: types, zod schemas and permissions shared by the
 * frontend, the backend and the scaffolder actions.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './parameters';
export * from './permissions';
export * from './planReview';
export * from './actionReasonText';
export * from './constants';
export * from './approvalPayload';
export * from './guardrails';
export * from './costEstimate';
export * from './costEstimateText';
export * from './statusLabels';
export * from './opsDashboard';
export * from './search';
