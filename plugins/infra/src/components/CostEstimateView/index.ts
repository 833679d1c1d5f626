export { CostEstimateView } from './CostEstimateView';
