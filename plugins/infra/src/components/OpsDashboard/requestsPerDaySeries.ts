import {
  INFRA_OPS_OUTCOMES,
  InfraOpsOutcome,
  InfraOpsStats,
} from '@internal/plugin-infra-common';

/** One bar of the requests-per-day chart: the day and a count per outcome. */
export type RequestsPerDayPoint = { day: string } & Record<
  InfraOpsOutcome,
  number
>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every day of the window, oldest first, with the requests submitted that day summed over
 * operations and kinds per outcome; days without requests are zeros, so the axis is even.
 */
export function requestsPerDaySeries(
  stats: Pick<InfraOpsStats, 'days' | 'since' | 'perDay'>,
): RequestsPerDayPoint[] {
  const start = Date.parse(stats.since);
  const points = Array.from({ length: stats.days }, (_, i) => {
    const point = {
      day: new Date(start + i * DAY_MS).toISOString().slice(0, 10),
    } as RequestsPerDayPoint;
    for (const outcome of INFRA_OPS_OUTCOMES) point[outcome] = 0;
    return point;
  });
  const byDay = new Map(points.map(p => [p.day, p]));
  for (const row of stats.perDay) {
    const point = byDay.get(row.day);
    if (point) point[row.outcome] += row.count;
  }
  return points;
}
