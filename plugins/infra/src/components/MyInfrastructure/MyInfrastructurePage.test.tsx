import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { InfraHealth } from '@internal/plugin-infra-common';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { MyInfrastructurePage } from './MyInfrastructurePage';
import { mockEntityPresentationApi } from '@internal/plugin-api-react/testUtils';

const signals = { subscribe: () => ({ unsubscribe: () => {} }) };
const healthy: InfraHealth = {
  terraform: { available: true, binary: 'terraform', version: '1.11.4' },
};

async function renderPage(api: object) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [infraApiRef, { getHealth: async () => healthy, ...api }],
        [signalApiRef, signals],
        [entityPresentationApiRef, mockEntityPresentationApi()],
      ]}
    >
      <MyInfrastructurePage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/infra': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('MyInfrastructurePage', () => {
  it('lists my requests and my groups’ resources with their links', async () => {
    const listRequests = jest.fn(async () => ({
      items: [
        {
          id: 'req-1',
          operation: 'create',
          kind: 's3-bucket',
          resourceName: 'payments-logs',
          environment: 'dev',
          status: 'awaiting_approval',
          createdAt: '2029-12-25T00:00:00.000Z',
        },
        {
          id: 'req-3',
          operation: 'destroy',
          kind: 'vpc',
          resourceName: 'old-net',
          environment: 'dev',
          status: 'applied',
          createdAt: '2029-12-24T00:00:00.000Z',
        },
      ],
    }));
    const listResources = jest.fn(async () => ({
      items: [
        {
          id: 'res-9',
          kind: 'vpc',
          name: 'payments-net',
          environment: 'prod',
          ownerRef: 'group:default/team-payments',
          status: 'active',
          outputs: {},
          lastRequestId: 'req-0',
          createdAt: '2029-12-20T00:00:00.000Z',
          updatedAt: '2029-12-20T00:00:00.000Z',
        },
      ],
    }));
    await renderPage({ listRequests, listResources });

    expect(
      await screen.findByRole('link', { name: 'payments-logs' }),
    ).toHaveAttribute('href', '/infra/requests/req-1');
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();
    // A destroy that was applied destroyed its resource.
    expect(screen.getByText('Destroyed')).toBeInTheDocument();
    expect(screen.queryByText('Applied')).toBeNull();
    expect(
      await screen.findByRole('link', { name: 'payments-net' }),
    ).toHaveAttribute('href', '/catalog/default/resource/payments-net');
    expect(screen.getByRole('link', { name: 'View request' })).toHaveAttribute(
      'href',
      '/infra/requests/req-0',
    );
    expect(
      await screen.findByRole('link', { name: 'Team Payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(screen.queryByText('group:default/team-payments')).toBeNull();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ mine: true }),
    );
    expect(listResources).toHaveBeenCalledWith(
      expect.objectContaining({ mine: true }),
    );
  });

  it('says so when there is nothing yet', async () => {
    await renderPage({
      listRequests: async () => ({ items: [] }),
      listResources: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('You have not requested any infrastructure yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Your groups own no provisioned resources'),
    ).toBeInTheDocument();
  });

  it('shows an error when a list cannot be read', async () => {
    await renderPage({
      listRequests: async () => {
        throw new Error('infra backend unavailable');
      },
      listResources: async () => ({ items: [] }),
    });
    expect(
      (await screen.findAllByText(/infra backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('says before any request fails that Terraform cannot run here, and what to do', async () => {
    const empty = jest.fn(async () => ({ items: [] }));
    await renderPage({
      listRequests: empty,
      listResources: empty,
      getHealth: async () => ({
        terraform: {
          available: false,
          binary: 'terraform',
          message:
            'No Terraform binary found; install terraform >= 1.5 or tofu, or set `infra.terraform.binary`',
        },
      }),
    });
    expect(
      await screen.findByText(/Infrastructure requests cannot be planned here/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No Terraform binary found/)).toBeInTheDocument();
  });

  it('shows no warning when Terraform runs', async () => {
    const empty = jest.fn(async () => ({ items: [] }));
    const getHealth = jest.fn(async () => ({
      terraform: { available: true, binary: 'terraform', version: '1.11.4' },
    }));
    await renderPage({ listRequests: empty, listResources: empty, getHealth });
    await screen
      .findAllByText(/No (requests|resources)|nothing/i)
      .catch(() => []);
    expect(getHealth).toHaveBeenCalled();
    expect(
      screen.queryByText(/Infrastructure requests cannot be planned here/),
    ).not.toBeInTheDocument();
  });
});
