import { screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import {
  catalogApiRef,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { visitsApiRef } from '@backstage/plugin-home';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  ApprovalsApi,
  approvalsApiRef,
  approvalsPlugin,
} from '@internal/plugin-approvals';
import { InfraApi, infraApiRef, infraPlugin } from '@internal/plugin-infra';
import { SWRConfig } from 'swr';
import { HomePage } from './HomePage';

const signals = { subscribe: () => ({ unsubscribe: () => {} }) };

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service' },
};

async function renderHome(
  authorize: (
    request: EvaluatePermissionRequest,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const starred = new MockStarredEntitiesApi();
  starred.toggleStarred('component:default/payments-api');
  const approvalsApi = {
    getSummary: async () => ({ pendingAssignedToMe: 1 }),
    listRequests: jest.fn(async () => ({
      items: [{ id: 'a1', kind: 'infrastructure', title: 'Bucket please' }],
    })),
  };
  const infraApi = {
    listRequests: jest.fn(async () => ({
      items: [
        {
          id: 'req-1',
          operation: 'create',
          kind: 's3-bucket',
          resourceName: 'payments-logs',
          environment: 'sandbox',
          status: 'awaiting_approval',
        },
      ],
    })),
    listResources: jest.fn(async () => ({ items: [] })),
  };
  const visitsApi = {
    save: jest.fn(),
    list: jest.fn(async () => [
      {
        id: 'v1',
        name: 'Approvals',
        pathname: '/approvals',
        hits: 3,
        timestamp: Date.now(),
      },
    ]),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [permissionApiRef, mockApis.permission({ authorize })],
        [
          configApiRef,
          mockApis.config({
            data: {
              gantry: {
                announcements: [
                  { title: 'Older news', body: 'Old body', date: '2026-10-01' },
                  {
                    title: 'Sandbox is live',
                    body: 'Plan offline with Terraform.',
                    date: '2026-11-20',
                  },
                ],
              },
            },
          }),
        ],
        [approvalsApiRef, approvalsApi as unknown as ApprovalsApi],
        [infraApiRef, infraApi as unknown as InfraApi],
        [signalApiRef, signals],
        [starredEntitiesApiRef, starred],
        [
          catalogApiRef,
          { getEntitiesByRefs: async () => ({ items: [service] }) },
        ],
        [visitsApiRef, visitsApi],
      ]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <HomePage />
      </SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/approvals': approvalsPlugin.routes.root,
        '/infra': infraPlugin.routes.root,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { infraApi };
}

const region = (name: string) => screen.findByRole('region', { name });

describe('HomePage', () => {
  it('shows what waits for me, my open requests, stars, visits and news', async () => {
    await renderHome(() => AuthorizeResult.ALLOW);

    const approvals = await region('Waiting for my approval');
    expect(
      await within(approvals).findByRole('link', { name: 'Bucket please' }),
    ).toHaveAttribute('href', '/approvals/requests/a1');
    expect(
      within(approvals).getByText('1 request waits for your decision'),
    ).toBeInTheDocument();

    const open = await region('My open requests');
    expect(
      await within(open).findByRole('link', { name: 'payments-logs' }),
    ).toHaveAttribute('href', '/infra/requests/req-1');
    expect(within(open).getByText(/awaiting approval/i)).toBeInTheDocument();

    const infra = await region('My infrastructure');
    expect(
      await within(infra).findByText(
        'Your groups own no provisioned resources',
      ),
    ).toBeInTheDocument();

    const starred = await region('Starred entities');
    expect(
      await within(starred).findByText('payments-api'),
    ).toBeInTheDocument();

    const visited = await region('Recently visited');
    expect(await within(visited).findByText('Approvals')).toBeInTheDocument();

    // Newest first.
    const news = await region('Announcements');
    const titles = within(news)
      .getAllByText(/Sandbox is live|Older news/)
      .map(node => node.textContent);
    expect(titles).toEqual(['Sandbox is live', 'Older news']);

    const shortcuts = await region('Shortcuts');
    expect(
      await within(shortcuts).findByRole('link', { name: /Create/ }),
    ).toHaveAttribute('href', '/create');
    // Role queries over the whole page are slow in jsdom.
  }, 30_000);

  it('shows no infrastructure cards nor templates to those who may not use them', async () => {
    const { infraApi } = await renderHome(request =>
      request.permission.name === 'infra.request.create' ||
      request.permission.name === taskCreatePermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const shortcuts = await region('Shortcuts');
    expect(
      await within(shortcuts).findByRole('link', { name: /Catalog/ }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(shortcuts).queryByRole('link', { name: /Create/ }),
      ).toBeNull(),
    );
    expect(await region('Waiting for my approval')).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'My open requests' }),
    ).toBeNull();
    expect(
      screen.queryByRole('region', { name: 'My infrastructure' }),
    ).toBeNull();
    expect(infraApi.listRequests).not.toHaveBeenCalled();
  });
});
