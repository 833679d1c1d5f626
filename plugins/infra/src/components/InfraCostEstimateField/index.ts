export { InfraCostEstimateField } from './InfraCostEstimateField';
export type { InfraCostEstimateFieldOptions } from './InfraCostEstimateField';
