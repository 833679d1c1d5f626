// core-components' Table (material-table and date-fns: about 480 kB, 118 kB gzipped), which
// the catalog, Notifications and most of Gantry's own pages render. sharedPageCode keeps it
// in the first bundle (see there).
export { Table } from '@backstage/core-components';
