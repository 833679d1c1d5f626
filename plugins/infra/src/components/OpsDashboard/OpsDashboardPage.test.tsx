import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { InfraOpsHealth, InfraOpsStats } from '@internal/plugin-infra-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InfraOpsApi, infraOpsApiRef } from '../../api/InfraOpsApi';
import { rootRouteRef } from '../../routes';
import { OpsDashboardPage } from './OpsDashboardPage';

// The page renders a table and two charts: slow on a busy 2-core machine.
jest.setTimeout(30_000);

const MINUTE = 60_000;

const stats: InfraOpsStats = {
  days: 14,
  since: '2026-11-07T00:00:00.000Z',
  perDay: [
    {
      day: '2026-11-18',
      operation: 'create',
      kind: 's3-bucket',
      outcome: 'applied',
      count: 3,
    },
    {
      day: '2026-11-19',
      operation: 'create',
      kind: 'vpc',
      outcome: 'failed',
      count: 1,
    },
  ],
  submitToApproval: { count: 4, p50Ms: 15 * MINUTE, p95Ms: 90 * MINUTE },
  approvalToApplied: { count: 3, p50Ms: 45_000, p95Ms: 5 * MINUTE },
  failures: {
    failed: 1,
    finished: 4,
    rate: 0.25,
    latest: [
      {
        id: 'req-9',
        operation: 'create',
        kind: 'vpc',
        resourceName: 'core-net',
        environment: 'sandbox',
        reason: 'terraform apply exited with 1',
        failedAt: '2026-11-19T10:20:00.000Z',
      },
    ],
  },
  waitingForApproval: {
    underOneHour: 1,
    oneToTwentyFourHours: 0,
    oneToSevenDays: 2,
    overSevenDays: 0,
  },
};

const health: InfraOpsHealth = {
  terraform: { available: true, binary: 'terraform', version: '1.11.4' },
  workers: { total: 2, busy: 1, idle: 1 },
  queue: { plans: 0, applies: 3 },
  sweeper: { state: 'known', lastRunEndedAt: '2026-11-20T11:59:50.000Z' },
  database: { reachable: true },
  catalogProvider: {
    state: 'unknown',
    reason: 'It runs in the catalog backend.',
  },
};

async function renderPage(api: Partial<InfraOpsApi>) {
  const opsApi: InfraOpsApi = {
    getOpsStats: jest.fn(async () => stats),
    getOpsHealth: jest.fn(async () => health),
    ...api,
  };
  await renderInTestApp(
    <TestApiProvider apis={[[infraOpsApiRef, opsApi]]}>
      <OpsDashboardPage />
    </TestApiProvider>,
    { mountedRoutes: { '/infra': rootRouteRef } },
  );
  return opsApi;
}

describe('OpsDashboardPage', () => {
  it('shows the figures of the window and the health of the backend', async () => {
    const api = await renderPage({});

    expect(await screen.findByText('Requests per day')).toBeInTheDocument();
    expect(api.getOpsStats).toHaveBeenCalledWith({ days: 14 });
    expect(
      screen.getByText('4 submitted in the last 14 days, by outcome'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('By kind: create s3-bucket 3, create vpc 1'),
    ).toBeInTheDocument();
    expect(screen.getByText('p50 15 min · p95 1.5 h')).toBeInTheDocument();
    expect(screen.getByText('p50 45 s · p95 5 min')).toBeInTheDocument();
    expect(screen.getByText('25.0 % failed')).toBeInTheDocument();
    expect(
      screen.getByText('terraform apply exited with 1'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'core-net' })).toHaveAttribute(
      'href',
      '/infra/requests/req-9',
    );
    expect(
      screen.getByText('3 waiting now, by how long they have waited'),
    ).toBeInTheDocument();

    expect(
      await screen.findByText('Terraform 1.11.4 (terraform)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 busy, 1 idle of 2 on this replica'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('0 plans and 3 applies waiting for a worker'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Unknown: It runs in the catalog backend.'),
    ).toBeInTheDocument();
  });

  it("says how the catalog provider's last refresh went", async () => {
    await renderPage({
      getOpsHealth: jest.fn(async () => ({
        ...health,
        catalogProvider: {
          state: 'known' as const,
          refreshedAt: '2026-11-20T11:59:00.000Z',
          succeeded: false,
          error: 'infra backend down',
          lastSuccessAt: '2026-11-20T11:58:00.000Z',
        },
      })),
    });
    expect(
      await screen.findByText(
        `Last refresh ${new Date(
          '2026-11-20T11:59:00.000Z',
        ).toLocaleString()} failed: infra backend down (last success ${new Date(
          '2026-11-20T11:58:00.000Z',
        ).toLocaleString()})`,
      ),
    ).toBeInTheDocument();
  });

  it('asks for another window when one is chosen', async () => {
    const api = await renderPage({});
    await screen.findByText('Requests per day');
    await userEvent.click(screen.getByRole('button', { name: /Last 14 days/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Last 90 days'),
    );
    expect(api.getOpsStats).toHaveBeenLastCalledWith({ days: 90 });
  });

  it('says so when there are no requests and nothing is waiting', async () => {
    await renderPage({
      getOpsStats: async () => ({
        ...stats,
        perDay: [],
        submitToApproval: { count: 0 },
        approvalToApplied: { count: 0 },
        failures: { failed: 0, finished: 0, latest: [] },
        waitingForApproval: {
          underOneHour: 0,
          oneToTwentyFourHours: 0,
          oneToSevenDays: 0,
          overSevenDays: 0,
        },
      }),
    });
    expect(await screen.findByText('No requests')).toBeInTheDocument();
    expect(screen.getAllByText('No approved requests yet')).toHaveLength(2);
    expect(screen.getByText('No finished requests')).toBeInTheDocument();
    expect(screen.getByText('No failures')).toBeInTheDocument();
    expect(
      screen.getByText('Nothing is waiting for approval.'),
    ).toBeInTheDocument();
  });

  it('shows the errors of the backend, each in its card', async () => {
    const forbidden = Object.assign(new Error('Not allowed: infra.ops.read'), {
      name: 'NotAllowedError',
    });
    await renderPage({
      getOpsStats: async () => {
        throw forbidden;
      },
      getOpsHealth: async () => {
        throw new Error('Backend unreachable');
      },
    });
    expect(
      (await screen.findAllByText(/Not allowed: infra.ops.read/))[0],
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/Backend unreachable/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByText('Requests per day')).not.toBeInTheDocument();
  });
});
