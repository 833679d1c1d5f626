import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { MockSignalApi } from '@internal/plugin-api-react/testUtils';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { Route, Routes } from 'react-router-dom';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { rootRouteRef } from '../../routes';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';
import { RequestPage } from './RequestPage';

// The whole page re-renders on each load, which takes seconds in jsdom on a busy machine.
jest.setTimeout(15_000);

const request: ApprovalRequest = {
  id: 'r1',
  kind: 'demo',
  title: 'Open a bucket',
  summary: 'For receipts',
  status: 'pending',
  requesterRef: 'user:default/dev',
  createdBy: 'plugin:scaffolder',
  approvers: { users: [], groups: ['group:default/approvers'] },
  quorum: 1,
  approvals: 0,
  expiresAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2029-12-25T00:00:00.000Z',
  updatedAt: '2029-12-25T00:00:00.000Z',
  payload: {},
  payloadHash: 'a'.repeat(64),
  details: { plan: { toAdd: 2, resources: ['aws_s3_bucket.this'] } },
  links: [],
  history: [
    {
      type: 'created',
      actorRef: 'user:default/dev',
      createdAt: '2029-12-25T00:00:00.000Z',
    },
  ],
};

const viewer = (canDecide: boolean) => ({
  isRequester: !canDecide,
  isApprover: canDecide,
  hasVoted: false,
  canDecide,
  canCancel: !canDecide,
});

async function renderPage(api: object, signals = new MockSignalApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, api],
        [signalApiRef, signals],
      ]}
    >
      <Routes>
        <Route path="/requests/:id" element={<RequestPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/requests/r1'],
      mountedRoutes: { '/': rootRouteRef },
    },
  );
}

describe('RequestPage', () => {
  it('lets an approver approve, and needs a comment to reject', async () => {
    const decide = jest.fn(async () => ({ ...request, status: 'approved' }));
    const getRequest = jest.fn(async () => ({
      ...request,
      viewer: viewer(true),
    }));
    await renderPage({ getRequest, decide });

    expect(await screen.findByText('For receipts')).toBeInTheDocument();
    const reject = screen.getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();

    fireEvent.change(screen.getByLabelText('Comment'), {
      target: { value: 'Fine by me' },
    });
    expect(reject).toBeEnabled();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(decide).toHaveBeenCalledWith('r1', {
        decision: 'approve',
        comment: 'Fine by me',
      }),
    );
    expect(getRequest).toHaveBeenCalledTimes(2);
  });

  it('shows no decision buttons to the requester, only cancel', async () => {
    await renderPage({
      getRequest: async () => ({ ...request, viewer: viewer(false) }),
    });
    expect(
      await screen.findByRole('button', { name: 'Cancel request' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('renders details as readable nested values and the history', async () => {
    await renderPage({
      getRequest: async () => ({ ...request, viewer: viewer(false) }),
    });
    expect(await screen.findByText('To add:')).toBeInTheDocument();
    expect(screen.getByText('aws_s3_bucket.this')).toBeInTheDocument();
    expect(
      screen.getByText('user:default/dev asked for approval'),
    ).toBeInTheDocument();
  });

  it('reloads the request once per signal about it', async () => {
    // Answers on a timer, as a backend would, so a reload loop cannot starve the test.
    const getRequest = jest.fn(
      () =>
        new Promise(resolve =>
          setTimeout(() => resolve({ ...request, viewer: viewer(false) }), 1),
        ),
    );
    const signals = new MockSignalApi();
    await renderPage({ getRequest }, signals);
    expect(await screen.findByText('For receipts')).toBeInTheDocument();
    expect(getRequest).toHaveBeenCalledTimes(1);

    act(() =>
      signals.publish(APPROVALS_SIGNAL_CHANNEL, {
        requestId: 'r1',
        status: 'x',
      }),
    );
    await waitFor(() =>
      expect(getRequest.mock.calls.length).toBeGreaterThanOrEqual(2),
    );
    // Give a reload loop time to show itself.
    await act(() => new Promise(resolve => setTimeout(resolve, 100)));
    expect(getRequest).toHaveBeenCalledTimes(2);
  });

  it('shows the error when the request cannot be read', async () => {
    await renderPage({
      getRequest: async () => {
        throw new Error('No approval request r1');
      },
    });
    expect(
      (await screen.findAllByText(/No approval request r1/)).length,
    ).toBeGreaterThan(0);
  });
});
