import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { rootRouteRef } from '../../routes';
import { RequestTable } from './RequestTable';

const signals = { subscribe: () => ({ unsubscribe: () => {} }) };

async function renderTable(listRequests: jest.Mock) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, { listRequests }],
        [signalApiRef, signals],
      ]}
    >
      <RequestTable
        title="Waiting for my approval"
        query={{ assignedToMe: true, status: ['pending'] }}
        emptyTitle="Nothing waiting for you"
      />
    </TestApiProvider>,
    { mountedRoutes: { '/approvals': rootRouteRef } },
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
          createdAt: '2029-12-25T00:00:00.000Z',
          expiresAt: '2030-01-01T00:00:00.000Z',
        },
      ],
    }));
    await renderTable(listRequests);
    const link = await screen.findByRole('link', { name: 'Open a bucket' });
    expect(link).toHaveAttribute('href', '/approvals/requests/r1');
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
});
