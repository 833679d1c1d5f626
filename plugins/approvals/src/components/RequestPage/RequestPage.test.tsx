import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { Route, Routes } from 'react-router-dom';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { rootRouteRef } from '../../routes';
import { RequestPage } from './RequestPage';

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

async function renderPage(api: object) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, api],
        [signalApiRef, { subscribe: () => ({ unsubscribe: () => {} }) }],
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
