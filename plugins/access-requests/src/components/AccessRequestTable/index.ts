export { AccessRequestTable } from './AccessRequestTable';
