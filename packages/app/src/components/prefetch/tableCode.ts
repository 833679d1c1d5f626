// core-components' Table (material-table and date-fns, about 470 kB), which the catalog,
// Create, Notifications, Audit and most of Gantry's own pages render, but the first bundle
// leaves out.
export { Table } from '@backstage/core-components';
