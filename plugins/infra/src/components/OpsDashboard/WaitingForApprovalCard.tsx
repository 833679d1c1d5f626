import { InfoCard } from '@backstage/core-components';
import { Typography, useTheme } from '@material-ui/core';
import { InfraOpsStats } from '@internal/plugin-infra-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** The requests waiting for approval now, by how long they have waited. */
export const WaitingForApprovalCard = ({ stats }: { stats: InfraOpsStats }) => {
  const theme = useTheme();
  const waiting = stats.waitingForApproval;
  const data = [
    { age: '< 1 h', requests: waiting.underOneHour },
    { age: '1–24 h', requests: waiting.oneToTwentyFourHours },
    { age: '1–7 d', requests: waiting.oneToSevenDays },
    { age: '> 7 d', requests: waiting.overSevenDays },
  ];
  const total = data.reduce((sum, d) => sum + d.requests, 0);
  return (
    <InfoCard
      title="Waiting for approval"
      subheader={`${total} waiting now, by how long they have waited`}
    >
      {total === 0 ? (
        <Typography color="textSecondary">
          Nothing is waiting for approval.
        </Typography>
      ) : (
        <div style={{ width: '100%', height: 220 }}>
          <ResponsiveContainer>
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="age" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar
                dataKey="requests"
                fill={theme.palette.warning.main}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </InfoCard>
  );
};
