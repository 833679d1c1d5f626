// core-components' Table (material-table and date-fns: about 480 kB, 118 kB gzipped); see
// sharedPageCode.ts.
export { Table } from '@backstage/core-components';
