export { OpsDashboardPage } from './OpsDashboardPage';
