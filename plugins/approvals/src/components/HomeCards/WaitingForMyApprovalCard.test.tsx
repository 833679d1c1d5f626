import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { MockSignalApi } from '@internal/plugin-api-react/testUtils';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { rootRouteRef } from '../../routes';
import { WaitingForMyApprovalCard } from './WaitingForMyApprovalCard';

async function renderCard(api: object) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, api],
        [signalApiRef, new MockSignalApi()],
      ]}
    >
      <WaitingForMyApprovalCard />
    </TestApiProvider>,
    { mountedRoutes: { '/approvals': rootRouteRef } },
  );
}

const pending = {
  id: 'r1',
  kind: 'infrastructure',
  title: 'Create s3-bucket payments-logs',
  summary: 'A bucket for the payments logs',
  status: 'pending',
};

describe('WaitingForMyApprovalCard', () => {
  it('counts what waits for my decision and links each request', async () => {
    const listRequests = jest.fn(async () => ({ items: [pending] }));
    await renderCard({
      getSummary: async () => ({ pendingAssignedToMe: 1 }),
      listRequests,
    });
    const link = await screen.findByRole('link', {
      name: 'Create s3-bucket payments-logs',
    });
    expect(link).toHaveAttribute('href', '/approvals/requests/r1');
    expect(
      screen.getByText('1 request waits for your decision'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('A bucket for the payments logs'),
    ).toBeInTheDocument();
    expect(listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ assignedToMe: true, status: ['pending'] }),
    );
  });

  it('says so when nothing waits, as for someone who approves nothing', async () => {
    await renderCard({
      getSummary: async () => ({ pendingAssignedToMe: 0 }),
      listRequests: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('Nothing waits for your approval'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/waits? for your decision/)).toBeNull();
  });

  it('shows why it could not load', async () => {
    await renderCard({
      getSummary: async () => {
        throw new Error('approvals backend unreachable');
      },
      listRequests: async () => ({ items: [] }),
    });
    expect(
      (await screen.findAllByText(/approvals backend unreachable/)).length,
    ).toBeGreaterThan(0);
  });
});
