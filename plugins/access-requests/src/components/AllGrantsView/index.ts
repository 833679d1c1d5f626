export { AllGrantsView } from './AllGrantsView';
