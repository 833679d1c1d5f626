import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Grid, MenuItem, TextField } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { infraOpsApiRef } from '../../api/InfraOpsApi';
import { DurationsCard } from './DurationsCard';
import { FailuresCard } from './FailuresCard';
import { OpsHealthCard } from './OpsHealthCard';
import { RequestsPerDayCard } from './RequestsPerDayCard';
import { WaitingForApprovalCard } from './WaitingForApprovalCard';

const WINDOWS = [7, 14, 30, 90];

const OpsStats = ({ days }: { days: number }) => {
  const opsApi = useApi(infraOpsApiRef);
  const { value, loading, error } = useAsync(
    () => opsApi.getOpsStats({ days }),
    [opsApi, days],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <RequestsPerDayCard stats={value} />
      </Grid>
      <Grid item xs={12} md={6}>
        <DurationsCard stats={value} />
      </Grid>
      <Grid item xs={12} md={6}>
        <WaitingForApprovalCard stats={value} />
      </Grid>
      <Grid item xs={12}>
        <FailuresCard stats={value} />
      </Grid>
    </Grid>
  );
};

/** The operations dashboard for admins: request analytics and the infra backend's health. */
export const OpsDashboardPage = () => {
  const [days, setDays] = useState(14);
  return (
    <Page themeId="tool">
      <Header
        title="Operations"
        subtitle="Infrastructure requests and the health of the infra backend"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={8}>
            <ContentHeader title="Requests">
              <TextField
                select
                label="Window"
                value={days}
                onChange={e => setDays(Number(e.target.value))}
                variant="outlined"
                size="small"
              >
                {WINDOWS.map(n => (
                  <MenuItem key={n} value={n}>
                    Last {n} days
                  </MenuItem>
                ))}
              </TextField>
            </ContentHeader>
            <OpsStats days={days} />
          </Grid>
          <Grid item xs={12} lg={4}>
            <OpsHealthCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
