import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  MockSignalApi,
  auditEntry,
  mockEntityPresentationApi,
  withEmptyAuditTimeline,
} from '@internal/plugin-api-react/testUtils';
import {
  ApprovalRequest,
  approvalsRequestCancelPermission,
  approvalsRequestDecidePermission,
} from '@internal/plugin-approvals-common';
import { Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { ApprovalsClient } from '../../api/ApprovalsClient';
import { rootRouteRef } from '../../routes';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';
import { DetailsRenderers, RequestPage } from './RequestPage';

// The whole page re-renders on each load, which takes seconds in jsdom on a busy machine.
jest.setTimeout(15_000);

/** A permission API that denies only `permission` on request r1, and allows the rest. */
function denying(permission: { name: string }) {
  return jest.fn((req: EvaluatePermissionRequest) =>
    req.permission.name === permission.name && req.resourceRef === 'r1'
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
}

/** Waits until the page has asked the policy about `permission` on request r1. */
async function askedAbout(authorize: jest.Mock, permission: { name: string }) {
  await waitFor(() =>
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: permission.name }),
        resourceRef: 'r1',
      }),
    ),
  );
}

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

async function renderPage(
  api: object,
  signals = new MockSignalApi(),
  {
    permissionApi = mockApis.permission(),
    alertApi = { post: jest.fn(), alert$: jest.fn() },
    detailsRenderers,
  }: {
    permissionApi?: ReturnType<typeof mockApis.permission>;
    alertApi?: { post: jest.Mock; alert$: jest.Mock };
    detailsRenderers?: DetailsRenderers;
  } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, withEmptyAuditTimeline(api)],
        [signalApiRef, signals],
        [permissionApiRef, permissionApi],
        [alertApiRef, alertApi],
        [entityPresentationApiRef, mockEntityPresentationApi()],
      ]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <Routes>
          <Route
            path="/requests/:id"
            element={<RequestPage detailsRenderers={detailsRenderers} />}
          />
        </Routes>
      </SWRConfig>
    </TestApiProvider>,
    {
      routeEntries: ['/requests/r1'],
      mountedRoutes: {
        '/': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
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
  });

  it("shows the decision's outcome at once, from the server's answer, without reading again", async () => {
    const decided: ApprovalRequest = {
      ...request,
      status: 'approved',
      approvals: 1,
      history: [
        ...request.history,
        {
          type: 'approve',
          actorRef: 'user:default/alan',
          comment: 'Fine by me',
          createdAt: '2029-12-26T00:00:00.000Z',
        },
      ],
      viewer: { ...viewer(true), hasVoted: true, canDecide: false },
    };
    const decide = jest.fn(async () => decided);
    const getRequest = jest.fn(async () => ({
      ...request,
      viewer: viewer(true),
    }));
    await renderPage({ getRequest, decide });

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull(),
    );
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(screen.queryByText('Awaiting approval')).toBeNull();
    expect(screen.getAllByText('Approved').length).toBeGreaterThan(0);
    expect(screen.getByText('1 of 1')).toBeInTheDocument();
    expect(
      screen.getByText((_, el) => el?.textContent === 'Alan Approver approved'),
    ).toBeInTheDocument();
    expect(getRequest).toHaveBeenCalledTimes(1);
  });

  it('keeps the outcome when a read that started before the decision answers after it', async () => {
    let answerStaleRead: (value: ApprovalRequest) => void = () => {};
    const getRequest = jest
      .fn()
      .mockResolvedValueOnce({ ...request, viewer: viewer(true) })
      .mockImplementationOnce(
        () =>
          new Promise<ApprovalRequest>(resolve => {
            answerStaleRead = resolve;
          }),
      );
    const decide = jest.fn(async () => ({
      ...request,
      status: 'approved',
      approvals: 1,
      viewer: { ...viewer(true), hasVoted: true, canDecide: false },
    }));
    const signals = new MockSignalApi();
    await renderPage({ getRequest, decide }, signals);
    const approve = await screen.findByRole('button', { name: 'Approve' });

    // A signal about another change starts a read; the decision answers first.
    act(() =>
      signals.publish(APPROVALS_SIGNAL_CHANNEL, {
        requestId: 'r1',
        status: 'pending',
      }),
    );
    await waitFor(() => expect(getRequest).toHaveBeenCalledTimes(2));
    fireEvent.click(approve);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull(),
    );
    await act(async () =>
      answerStaleRead({ ...request, viewer: viewer(true) }),
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getByText('1 of 1')).toBeInTheDocument();
  });

  it('shows people and teams by name, linked to their catalog pages', async () => {
    await renderPage({
      getRequest: async () => ({
        ...request,
        onBehalfOfRef: 'group:default/team-payments',
        viewer: viewer(false),
      }),
    });
    const requester = (await screen.findAllByText('Dana Developer'))[0];
    expect(requester.closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/dev',
    );
    expect(screen.getByText('Team Payments').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
    expect(
      screen
        .getAllByText('Approvers')
        .some(el =>
          el.closest('a')?.getAttribute('href')?.endsWith('/approvers'),
        ),
    ).toBe(true);
    expect(screen.queryByText(/user:default\/dev/)).toBeNull();
    expect(screen.queryByText(/group:default\//)).toBeNull();
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

  it('hides Approve and Reject when the policy denies deciding this request', async () => {
    const authorize = denying(approvalsRequestDecidePermission);
    await renderPage(
      { getRequest: async () => ({ ...request, viewer: viewer(true) }) },
      undefined,
      { permissionApi: mockApis.permission({ authorize }) },
    );
    expect(await screen.findByText('For receipts')).toBeInTheDocument();
    await askedAbout(authorize, approvalsRequestDecidePermission);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(screen.queryByLabelText('Comment')).toBeNull();
  });

  it('shows Approve and Reject when the policy allows deciding this request', async () => {
    await renderPage(
      { getRequest: async () => ({ ...request, viewer: viewer(true) }) },
      undefined,
      {
        permissionApi: mockApis.permission({
          authorize: AuthorizeResult.ALLOW,
        }),
      },
    );
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeInTheDocument();
  });

  it('hides Cancel when the policy denies cancelling this request', async () => {
    const authorize = denying(approvalsRequestCancelPermission);
    await renderPage(
      { getRequest: async () => ({ ...request, viewer: viewer(false) }) },
      undefined,
      { permissionApi: mockApis.permission({ authorize }) },
    );
    expect(await screen.findByText('For receipts')).toBeInTheDocument();
    await askedAbout(authorize, approvalsRequestCancelPermission);
    expect(screen.queryByRole('button', { name: 'Cancel request' })).toBeNull();
  });

  it('says why the server refused a decision, in a sentence, with no status line or stack', async () => {
    // The real client against a backend that answers the decision with a 403.
    const fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        return new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You are not an approver of this request',
              stack: 'NotAllowedError: ...\n    at router.ts:300:15',
            },
            request: { method: 'POST', url },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        );
      }
      return new Response(
        JSON.stringify({ ...request, viewer: viewer(true) }),
        {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        },
      );
    });
    const client = new ApprovalsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/approvals' },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderPage(client, undefined, { alertApi });

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(alertApi.post).toHaveBeenCalled());
    const { message, severity } = alertApi.post.mock.calls[0][0];
    expect(severity).toBe('error');
    expect(message).toBe(
      'You are not allowed to do this: You are not an approver of this request',
    );
    expect(message).not.toMatch(/403|Forbidden|router\.ts/);
  });

  it("shows a renderer's summary above Approve and Reject, its details below, and no payload hash", async () => {
    await renderPage(
      { getRequest: async () => ({ ...request, viewer: viewer(true) }) },
      undefined,
      {
        permissionApi: mockApis.permission({
          authorize: AuthorizeResult.ALLOW,
        }),
        detailsRenderers: {
          [request.kind]: {
            Summary: () => <p>2 to add</p>,
            Details: () => <p>the whole diff</p>,
          },
        },
      },
    );
    const approve = await screen.findByRole('button', { name: 'Approve' });
    const summary = screen.getByText('2 to add');
    const details = screen.getByText('the whole diff');
    const follows = (a: Node, b: Node) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(follows(summary, approve)).toBe(true);
    expect(follows(approve, details)).toBe(true);
    expect(screen.queryByText(/payload hash/i)).toBeNull();
    expect(screen.queryByText(request.payloadHash.slice(0, 16))).toBeNull();
  });

  it('renders a single-component renderer below the decision', async () => {
    await renderPage(
      { getRequest: async () => ({ ...request, viewer: viewer(false) }) },
      undefined,
      { detailsRenderers: { [request.kind]: () => <p>custom details</p> } },
    );
    expect(await screen.findByText('custom details')).toBeInTheDocument();
    expect(screen.queryByTestId('decision-summary')).toBeNull();
  });

  it('renders details as readable nested values and the history', async () => {
    await renderPage({
      getRequest: async () => ({ ...request, viewer: viewer(false) }),
    });
    expect(await screen.findByText('To add:')).toBeInTheDocument();
    expect(screen.getByText('aws_s3_bucket.this')).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'SPAN' &&
          el.textContent === 'Dana Developer asked for approval',
      ),
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
  it("shows the request's audit timeline, with who decided and why", async () => {
    const entry = (id: string, eventId: string, actor: string, meta = {}) =>
      auditEntry({
        id,
        correlationId: `c-${id}`,
        actor: { ref: `user:default/${actor}`, type: 'user' },
        plugin: 'approvals',
        eventId,
        meta,
      });
    const getRequestAudit = jest.fn(async () => ({
      items: [
        entry('2', 'approval-request-decide', 'alan', {
          decision: 'reject',
          comment: 'Not this quarter',
        }),
        entry('1', 'approval-request-create', 'dev', {
          requester: 'user:default/dev',
        }),
      ],
    }));
    await renderPage({
      getRequest: async () => ({ ...request, viewer: viewer(false) }),
      getRequestAudit,
    });
    expect(
      await screen.findByText('rejected: “Not this quarter”'),
    ).toBeInTheDocument();
    // People by their catalog names, not their refs.
    const timeline = screen.getByRole('list', { name: 'Audit timeline' });
    expect(timeline).toHaveTextContent(
      'opened the approval request for Dana Developer',
    );
    expect(timeline).not.toHaveTextContent('user:default/dev');
    expect(getRequestAudit).toHaveBeenCalledWith('r1', { cursor: undefined });
  });
});
