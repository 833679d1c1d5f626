import { act, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  MockSignalApi,
  mockEntityPresentationApi,
} from '@internal/plugin-api-react/testUtils';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { rootRouteRef } from '../../routes';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';
import { RequestTable } from './RequestTable';

async function renderTable(
  listRequests: jest.Mock,
  signals = new MockSignalApi(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, { listRequests }],
        [signalApiRef, signals],
        [entityPresentationApiRef, mockEntityPresentationApi()],
      ]}
    >
      <RequestTable
        title="Waiting for my approval"
        query={{ assignedToMe: true, status: ['pending'] }}
        emptyTitle="Nothing waiting for you"
      />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/approvals': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('RequestTable', () => {
  it('lists requests with links to their pages', async () => {
    const listRequests = jest.fn(async () => ({
      items: [
        {
          id: 'r1',
          kind: 'demo',
          title: 'Open a bucket',
          status: 'pending',
          requesterRef: 'user:default/dev',
          onBehalfOfRef: 'group:default/team-payments',
          createdAt: '2029-12-25T00:00:00.000Z',
          expiresAt: '2030-01-01T00:00:00.000Z',
        },
      ],
    }));
    await renderTable(listRequests);
    const link = await screen.findByRole('link', { name: 'Open a bucket' });
    expect(link).toHaveAttribute('href', '/approvals/requests/r1');
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.getByText('Dana Developer').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/dev',
    );
    expect(screen.getByText('Team Payments')).toBeInTheDocument();
    expect(screen.queryByText('user:default/dev')).toBeNull();
    expect(listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ assignedToMe: true, status: ['pending'] }),
    );
  });

  it('says so when nothing waits', async () => {
    await renderTable(jest.fn(async () => ({ items: [] })));
    expect(
      await screen.findByText('Nothing waiting for you'),
    ).toBeInTheDocument();
  });

  it('lists again once per signal', async () => {
    // Answers on a timer, as a backend would, so a reload loop cannot starve the test.
    const listRequests = jest.fn(
      () => new Promise(resolve => setTimeout(() => resolve({ items: [] }), 1)),
    );
    const signals = new MockSignalApi();
    await renderTable(listRequests, signals);
    await screen.findByText('Nothing waiting for you');
    expect(listRequests).toHaveBeenCalledTimes(1);

    act(() =>
      signals.publish(APPROVALS_SIGNAL_CHANNEL, {
        requestId: 'r1',
        status: 'x',
      }),
    );
    await waitFor(() =>
      expect(listRequests.mock.calls.length).toBeGreaterThanOrEqual(2),
    );
    // Give a reload loop time to show itself.
    await act(() => new Promise(resolve => setTimeout(resolve, 100)));
    expect(listRequests).toHaveBeenCalledTimes(2);
  });
});
