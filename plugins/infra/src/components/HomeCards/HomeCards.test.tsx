import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { MockSignalApi } from '@internal/plugin-api-react/testUtils';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { MyInfrastructureCard } from './MyInfrastructureCard';
import { OPEN_INFRA_REQUEST_STATUSES } from '@internal/plugin-infra-common';
import { MyOpenRequestsCard } from './MyOpenRequestsCard';

async function renderCard(card: JSX.Element, api: object) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [infraApiRef, api],
        [signalApiRef, new MockSignalApi()],
      ]}
    >
      {card}
    </TestApiProvider>,
    { mountedRoutes: { '/infra': rootRouteRef } },
  );
}

describe('MyOpenRequestsCard', () => {
  it('lists my open requests with their status and links', async () => {
    const listRequests = jest.fn(async () => ({
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
    }));
    await renderCard(<MyOpenRequestsCard />, { listRequests });
    expect(
      await screen.findByRole('link', { name: 'payments-logs' }),
    ).toHaveAttribute('href', '/infra/requests/req-1');
    expect(screen.getByText(/awaiting approval/i)).toBeInTheDocument();
    expect(listRequests).toHaveBeenCalledWith(
      expect.objectContaining({
        mine: true,
        status: OPEN_INFRA_REQUEST_STATUSES,
      }),
    );
    // Finished requests are not open.
    expect(OPEN_INFRA_REQUEST_STATUSES).not.toContain('applied');
    expect(OPEN_INFRA_REQUEST_STATUSES).not.toContain('rejected');
  });

  it('says so when nothing is open', async () => {
    await renderCard(<MyOpenRequestsCard />, {
      listRequests: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('You have no open requests'),
    ).toBeInTheDocument();
  });

  it('shows why it could not load', async () => {
    await renderCard(<MyOpenRequestsCard />, {
      listRequests: async () => {
        throw new Error('infra backend unreachable');
      },
    });
    expect(
      (await screen.findAllByText(/infra backend unreachable/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('MyInfrastructureCard', () => {
  it("lists my groups' resources linked to their catalog pages", async () => {
    const listResources = jest.fn(async () => ({
      items: [
        {
          id: 'res-9',
          kind: 'vpc',
          name: 'payments-net',
          environment: 'sandbox',
          status: 'active',
        },
      ],
    }));
    await renderCard(<MyInfrastructureCard />, { listResources });
    expect(
      await screen.findByRole('link', { name: 'payments-net' }),
    ).toHaveAttribute('href', '/catalog/default/resource/payments-net');
    expect(screen.getByText('vpc in sandbox, active')).toBeInTheDocument();
    expect(listResources).toHaveBeenCalledWith(
      expect.objectContaining({ mine: true }),
    );
  });

  it('says so when my groups own nothing', async () => {
    await renderCard(<MyInfrastructureCard />, {
      listResources: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('Your groups own no provisioned resources'),
    ).toBeInTheDocument();
  });
});
