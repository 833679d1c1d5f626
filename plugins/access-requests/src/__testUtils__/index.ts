export {
  allowing,
  renderWithAccessRequestsApi,
} from './renderWithAccessRequestsApi';
export { accessRequest, targets } from './fixtures';
