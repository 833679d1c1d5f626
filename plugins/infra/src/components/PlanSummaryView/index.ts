export { PlanSummaryView } from './PlanSummaryView';
