export { RequestPage } from './RequestPage';
export type {
  DetailsComponent,
  DetailsRenderer,
  DetailsRenderers,
} from './RequestPage';
