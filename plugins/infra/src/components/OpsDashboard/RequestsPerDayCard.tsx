import { EmptyState, InfoCard } from '@backstage/core-components';
import { Typography, useTheme } from '@material-ui/core';
import {
  INFRA_OPS_OUTCOMES,
  InfraOpsStats,
} from '@internal/plugin-infra-common';
// recharts: maintained, renders SVG with React 18, and takes its colours from props, so
// the bars use the MUI theme's palette.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { outcomeColors } from './outcomeColors';
import { requestsPerDaySeries } from './requestsPerDaySeries';

/** Requests submitted per day, stacked by outcome. */
export const RequestsPerDayCard = ({ stats }: { stats: InfraOpsStats }) => {
  const theme = useTheme();
  const colors = outcomeColors(theme);
  const total = stats.perDay.reduce((sum, row) => sum + row.count, 0);
  const series = requestsPerDaySeries(stats);
  const kinds = new Map<string, number>();
  for (const row of stats.perDay) {
    const key = `${row.operation} ${row.kind}`;
    kinds.set(key, (kinds.get(key) ?? 0) + row.count);
  }
  return (
    <InfoCard
      title="Requests per day"
      subheader={`${total} submitted in the last ${stats.days} days, by outcome`}
    >
      {total === 0 ? (
        <EmptyState
          missing="data"
          title="No requests"
          description={`Nobody submitted an infrastructure request in the last ${stats.days} days.`}
        />
      ) : (
        <>
          <div style={{ width: '100%', height: 300 }}>
            <ResponsiveContainer>
              <BarChart data={series}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" tickFormatter={d => String(d).slice(5)} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {INFRA_OPS_OUTCOMES.map(outcome => (
                  <Bar
                    key={outcome}
                    dataKey={outcome}
                    stackId="outcome"
                    fill={colors[outcome]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Typography variant="body2" color="textSecondary">
            By kind:{' '}
            {[...kinds.entries()]
              .map(([kind, count]) => `${kind} ${count}`)
              .join(', ')}
          </Typography>
        </>
      )}
    </InfoCard>
  );
};
