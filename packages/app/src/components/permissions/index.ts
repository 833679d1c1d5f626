export { NotAllowedPage } from './NotAllowedPage';
