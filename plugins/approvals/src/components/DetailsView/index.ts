export { DetailsView } from './DetailsView';
