export { RequestPage } from './RequestPage';
export type { DetailsRenderers } from './RequestPage';
