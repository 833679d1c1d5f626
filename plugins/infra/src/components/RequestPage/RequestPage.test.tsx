import userEvent from '@testing-library/user-event';
import { act, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import {
  MockSignalApi,
  auditEntry,
  mockEntityPresentationApi,
  withEmptyAuditTimeline,
} from '@internal/plugin-api-react/testUtils';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraLogLine,
  InfraRequest,
} from '@internal/plugin-infra-common';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Route, Routes } from 'react-router-dom';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { RequestPage } from './RequestPage';

// Dialogs, typing and real poll intervals take seconds on a busy machine (CI, parallel runs).
jest.setTimeout(30_000);

const request: InfraRequest = {
  id: 'req-1',
  operation: 'create',
  kind: 's3-bucket',
  resourceId: 'res-1',
  resourceName: 'payments-logs',
  environment: 'dev',
  requesterRef: 'user:default/dev',
  ownerRef: 'group:default/team-payments',
  justification: 'Logs for the payments service',
  parameters: { versioning: true },
  status: 'applied',
  approvalId: 'appr-9',
  approverRefs: ['group:default/approvers'],
  decision: {
    status: 'approved',
    actorRef: 'user:default/alan',
    comment: 'Looks right',
    decidedAt: '2029-12-25T00:04:00.000Z',
  },
  planHash: 'b'.repeat(64),
  planSummary: {
    version: 2,
    add: 2,
    change: 0,
    destroy: 0,
    replace: 0,
    noop: 0,
    read: 0,
    import: 0,
    move: 0,
    resources: [
      {
        address: 'aws_s3_bucket.this',
        type: 'aws_s3_bucket',
        action: 'create',
        mode: 'managed',
      },
      {
        address: 'aws_s3_bucket_versioning.this',
        type: 'aws_s3_bucket_versioning',
        action: 'create',
        mode: 'managed',
      },
    ],
    outputs: [],
  },
  outputs: {
    bucket_arn: 'arn:aws:s3:::payments-logs',
    region: 'eu-west-1',
  },
  createdAt: '2029-12-25T00:00:00.000Z',
  updatedAt: '2029-12-25T00:10:00.000Z',
  applyStartedAt: '2029-12-25T00:05:00.000Z',
  appliedAt: '2029-12-25T00:10:00.000Z',
};

const line = (seq: number, text: string): InfraLogLine => ({
  seq,
  stream: 'stdout',
  line: text,
  createdAt: '2029-12-25T00:06:00.000Z',
});

async function renderPage(api: object) {
  const signals = new MockSignalApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [infraApiRef, withEmptyAuditTimeline(api)],
        [signalApiRef, signals],
        [entityPresentationApiRef, mockEntityPresentationApi()],
      ]}
    >
      <Routes>
        <Route path="/requests/:id" element={<RequestPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/requests/req-1'],
      mountedRoutes: {
        '/infra': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return {
    publish: (channel: string, message: JsonObject) =>
      act(async () => signals.publish(channel, message)),
  };
}

describe('RequestPage', () => {
  it('shows a progress bar, then the status, plan, outputs and approval link', async () => {
    let resolve: (value: InfraRequest) => void = () => {};
    const getRequest = jest.fn(
      () => new Promise<InfraRequest>(r => (resolve = r)),
    );
    const getRequestLogs = jest.fn(async () => ({
      items: [line(1, 'Apply complete! Resources: 2 added.')],
    }));
    await renderPage({ getRequest, getRequestLogs });

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    await act(async () => resolve(request));

    expect(
      await screen.findByRole('heading', {
        name: 'Create s3-bucket payments-logs',
      }),
    ).toBeInTheDocument();
    expect(getRequest).toHaveBeenCalledWith('req-1');
    expect(screen.queryByTestId('progress')).toBeNull();
    // the status chip and the last step of the timeline
    expect(screen.getAllByText('Applied')).toHaveLength(2);

    // The new catalog entity, and people and teams by their names.
    expect(
      within(screen.getByTestId('infra-request-entity')).getByRole('link', {
        name: 'payments-logs',
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/payments-logs');
    expect(
      screen.getByRole('link', { name: 'Dana Developer' }),
    ).toHaveAttribute('href', '/catalog/default/user/dev');
    expect(screen.getByRole('link', { name: 'Team Payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
    expect(screen.getByRole('link', { name: 'Approvers' })).toHaveAttribute(
      'href',
      '/catalog/default/group/approvers',
    );
    expect(screen.queryByText('user:default/dev')).toBeNull();
    expect(screen.getByTestId('infra-request-approved-by')).toHaveTextContent(
      /^Approved by Alan Approver on .+: “Looks right”$/,
    );

    expect(screen.getByTestId('plan-add-count')).toHaveTextContent('2 to add');
    expect(
      screen.getByText('aws_s3_bucket_versioning.this'),
    ).toBeInTheDocument();

    expect(screen.getByText('bucket_arn')).toBeInTheDocument();
    expect(screen.getByText('arn:aws:s3:::payments-logs')).toBeInTheDocument();

    expect(
      screen.getByRole('link', { name: 'Open the approval request' }),
    ).toHaveAttribute('href', '/approvals/requests/appr-9');
    expect(
      screen.getByText('Logs for the payments service'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Apply complete! Resources: 2 added.'),
    ).toBeInTheDocument();
  });

  it('shows the audit timeline of the request and its approval, and pages back', async () => {
    const entry = (id: string, eventId: string, actorRef?: string) =>
      auditEntry({
        id,
        correlationId: `c-${id}`,
        eventId,
        actor: actorRef ? { ref: actorRef, type: 'user' } : { type: 'none' },
        meta: { requester: 'user:default/dev' },
      });
    const getRequestAudit = jest.fn(async (_id: string, page: object) =>
      'cursor' in page && page.cursor
        ? { items: [entry('1', 'infra-request-plan')] }
        : {
            items: [
              entry('3', 'infra-request-apply'),
              entry('2', 'approval-request-decide', 'user:default/alan'),
            ],
            nextCursor: 'older',
          },
    );
    await renderPage({
      getRequest: async () => request,
      getRequestLogs: async () => ({ items: [] }),
      getRequestAudit,
    });
    expect(
      await screen.findByText('applied the approved plan'),
    ).toBeInTheDocument();
    // People by their catalog names, not their refs.
    const timeline = screen.getByRole('list', { name: 'Audit timeline' });
    expect(timeline).toHaveTextContent('Alan Approver');
    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    await waitFor(() =>
      expect(timeline).toHaveTextContent(
        'planned the change requested by Dana Developer',
      ),
    );
    expect(timeline).not.toHaveTextContent('user:default/dev');
    expect(getRequestAudit).toHaveBeenLastCalledWith('req-1', {
      cursor: 'older',
    });
    expect(screen.queryByRole('button', { name: 'Show older' })).toBeNull();
  });

  it('says outputs come after the apply while a request awaits approval', async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        status: 'awaiting_approval',
        outputs: undefined,
        applyStartedAt: undefined,
        appliedAt: undefined,
      }),
      getRequestLogs: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('Outputs appear here once the apply succeeds.'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Awaiting approval')).toHaveLength(2);
    expect(screen.queryByTestId('infra-request-entity')).toBeNull();
    expect(screen.queryByText('bucket_arn')).toBeNull();
    expect(await screen.findByText(/No log lines yet/)).toBeInTheDocument();
  });

  it("shows the plan's estimated monthly cost next to the plan", async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        status: 'awaiting_approval',
        costEstimate: {
          currency: 'USD',
          hoursPerMonth: 730,
          prices: {
            source: 'AWS on-demand list prices',
            region: 'eu-west-1',
            asOf: '2024-06-01',
          },
          lines: [],
          usage: [
            {
              address: 'aws_s3_bucket.this',
              change: 'new',
              description: 'S3 Standard storage, by usage',
              perGbMonth: 0.023,
            },
          ],
          unpriced: [],
          monthly: { new: 0, changed: 0, removed: 0, net: 0 },
        },
      }),
      getRequestLogs: async () => ({ items: [] }),
    });
    expect(await screen.findByTestId('cost-estimate')).toHaveTextContent(
      'Estimated monthly cost: $0.00 + storage at $0.023/GB-month, at list price (AWS on-demand list prices, eu-west-1, as of 2024-06-01)',
    );
  });

  it('shows a failed apply as an error step, and its error', async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        status: 'failed',
        outputs: undefined,
        error: 'Error: creating S3 Bucket: BucketAlreadyExists',
      }),
      getRequestLogs: async () => ({ items: [] }),
    });
    expect((await screen.findAllByText('Failed')).length).toBe(2);
    expect(screen.getByText('Applying')).toBeInTheDocument();
    expect(screen.queryByText('Applied')).toBeNull();
    expect(
      screen.getByText('Error: creating S3 Bucket: BucketAlreadyExists'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Outputs appear here/)).toBeNull();
  });

  it('says who rejected a request, when and why, and promises no outputs', async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        status: 'rejected',
        outputs: undefined,
        applyStartedAt: undefined,
        appliedAt: undefined,
        decision: {
          status: 'rejected',
          actorRef: 'user:default/alan',
          comment: 'Use the shared logs bucket',
          decidedAt: '2029-12-25T00:04:00.000Z',
        },
      }),
      getRequestLogs: async () => ({ items: [] }),
    });
    const decision = await screen.findByTestId('infra-request-decision');
    expect(decision).toHaveTextContent(
      /^Rejected by Alan Approver on .+“Use the shared logs bucket”Nothing was applied\.$/,
    );
    expect(
      within(decision).getByRole('link', { name: 'Alan Approver' }),
    ).toHaveAttribute('href', '/catalog/default/user/alan');
    // The timeline ends at the approval.
    expect(screen.getAllByText('Rejected').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.queryByText('Applying')).toBeNull();
    expect(screen.queryByText(/Outputs appear here/)).toBeNull();
    expect(screen.queryByTestId('infra-request-approved-by')).toBeNull();
  });

  it('points to the approval for the reason of an old rejection without a stored decision', async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        status: 'expired',
        outputs: undefined,
        decision: undefined,
      }),
      getRequestLogs: async () => ({ items: [] }),
    });
    const decision = await screen.findByTestId('infra-request-decision');
    expect(decision).toHaveTextContent(
      'ExpiredNothing was applied. The approval request says who decided and why.',
    );
  });

  it('ends a destroy with Destroyed, not Applied, and no outputs', async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        operation: 'destroy',
        outputs: {},
      }),
      getRequestLogs: async () => ({ items: [] }),
    });
    expect(
      await screen.findByRole('heading', {
        name: 'Destroy s3-bucket payments-logs',
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Destroyed')).toHaveLength(2);
    expect(screen.getByText('Destroying')).toBeInTheDocument();
    expect(screen.queryByText('Applied')).toBeNull();
    expect(screen.queryByText('Applying')).toBeNull();
    expect(screen.queryByText('Outputs')).toBeNull();
    expect(screen.queryByText(/Outputs appear here/)).toBeNull();
    expect(screen.queryByTestId('infra-request-entity')).toBeNull();
  });

  it('appends the log lines after the last one when a signal arrives', async () => {
    const getRequestLogs = jest
      .fn()
      .mockResolvedValueOnce({
        items: [line(1, 'Initializing'), line(2, 'Planning')],
      })
      .mockResolvedValue({ items: [] });
    const signals = await renderPage({
      getRequest: async () => ({ ...request, status: 'applying' }),
      getRequestLogs,
    });
    expect(await screen.findByText('Planning')).toBeInTheDocument();
    expect(getRequestLogs).toHaveBeenCalledWith('req-1', { after: undefined });

    getRequestLogs.mockResolvedValueOnce({
      items: [line(3, 'aws_s3_bucket.this: Creating...')],
    });
    await signals.publish(INFRA_SIGNAL_CHANNEL, {
      requestId: 'req-1',
      status: 'applying',
    });
    expect(
      await screen.findByText('aws_s3_bucket.this: Creating...'),
    ).toBeInTheDocument();
    expect(getRequestLogs).toHaveBeenCalledWith('req-1', { after: 2 });
    expect(screen.getByTestId('apply-logs').children).toHaveLength(3);
  });

  it('polls a running apply without signals', async () => {
    const getRequest = jest.fn(async () => ({
      ...request,
      status: 'applying' as const,
    }));
    const getRequestLogs = jest
      .fn()
      .mockResolvedValueOnce({ items: [line(1, 'Initializing')] })
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValueOnce({ items: [line(2, 'Still creating...')] })
      .mockResolvedValue({ items: [] });
    await renderPage({ getRequest, getRequestLogs });
    expect(await screen.findByText('Initializing')).toBeInTheDocument();

    expect(
      await screen.findByText('Still creating...', {}, { timeout: 4000 }),
    ).toBeInTheDocument();
    expect(getRequestLogs).toHaveBeenCalledWith('req-1', { after: 1 });
    await waitFor(() =>
      expect(getRequest.mock.calls.length).toBeGreaterThan(1),
    );
  });

  it('keeps the request on screen when a refresh fails', async () => {
    const getRequest = jest
      .fn()
      .mockResolvedValueOnce({ ...request, status: 'awaiting_approval' })
      .mockRejectedValueOnce(new Error('Gateway timeout'));
    const signals = await renderPage({
      getRequest,
      getRequestLogs: async () => ({ items: [] }),
    });
    expect(
      (await screen.findAllByText('Awaiting approval')).length,
    ).toBeGreaterThan(0);

    await signals.publish(INFRA_SIGNAL_CHANNEL, {
      requestId: 'req-1',
      status: 'approved',
    });
    expect(
      await screen.findByText(
        /Could not refresh this request: Gateway timeout/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Awaiting approval')).toHaveLength(2);
    expect(getRequest).toHaveBeenCalledTimes(2);
  });

  it('ignores signals about other requests', async () => {
    const getRequest = jest.fn(async () => request);
    const signals = await renderPage({
      getRequest,
      getRequestLogs: async () => ({ items: [] }),
    });
    expect((await screen.findAllByText('Applied')).length).toBe(2);
    await signals.publish(INFRA_SIGNAL_CHANNEL, {
      requestId: 'req-other',
      status: 'applied',
    });
    expect(getRequest).toHaveBeenCalledTimes(1);
  });

  it('shows the error when the request cannot be read', async () => {
    await renderPage({
      getRequest: async () => {
        throw new Error('No infrastructure request req-1');
      },
      getRequestLogs: async () => ({ items: [] }),
    });
    expect(
      (await screen.findAllByText(/No infrastructure request req-1/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Infrastructure request')).toBeInTheDocument();
  });
});
