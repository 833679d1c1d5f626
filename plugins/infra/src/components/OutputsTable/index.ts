export { OutputsTable } from './OutputsTable';
