import { InfoCard, Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { InfraOpsFailure, InfraOpsStats } from '@internal/plugin-infra-common';
import { rootRouteRef } from '../../routes';

/** The failure rate of the window and its latest failures with their reasons. */
export const FailuresCard = ({ stats }: { stats: InfraOpsStats }) => {
  const infraRoute = useRouteRef(rootRouteRef);
  const { failed, finished, rate, latest } = stats.failures;
  const columns: TableColumn<InfraOpsFailure>[] = [
    {
      title: 'Failed',
      field: 'failedAt',
      render: row => new Date(row.failedAt).toLocaleString(),
    },
    {
      title: 'Resource',
      field: 'resourceName',
      render: row => (
        <Link to={`${infraRoute()}/requests/${encodeURIComponent(row.id)}`}>
          {row.resourceName}
        </Link>
      ),
    },
    {
      title: 'Request',
      render: row => `${row.operation} ${row.kind} (${row.environment})`,
    },
    { title: 'Reason', field: 'reason' },
  ];
  return (
    <InfoCard title="Failures">
      <Typography variant="h5">
        {rate === undefined
          ? 'No finished requests'
          : `${(rate * 100).toFixed(1)} % failed`}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {failed} failed of {finished} applied or failed in the last {stats.days}{' '}
        days
      </Typography>
      <Table<InfraOpsFailure>
        title="Latest failures"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={latest}
        localization={{ body: { emptyDataSourceMessage: 'No failures' } }}
      />
    </InfoCard>
  );
};
