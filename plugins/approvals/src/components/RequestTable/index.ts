export { RequestTable } from './RequestTable';
