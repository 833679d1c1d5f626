import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  accessRequest,
  allowing,
  renderWithAccessRequestsApi,
  targets,
} from '../../__testUtils__';
import { MyAccessView } from './MyAccessView';

// material-table's first render takes seconds on a busy machine, and one case waits for a
// grant to end.
jest.setTimeout(40_000);

const inHours = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000).toISOString();

const pending = accessRequest();
const active = accessRequest({
  id: 'req-2',
  status: 'active',
  decidedBy: 'user:default/alan',
  decidedAt: '2026-11-29T10:05:00.000Z',
  decisionComment: 'Go ahead',
  grantedAt: '2026-11-29T10:05:00.000Z',
  expiresAt: inHours(3),
});
const rejected = accessRequest({
  id: 'req-3',
  status: 'rejected',
  decidedBy: 'user:default/alan',
  decidedAt: '2026-11-28T10:05:00.000Z',
  decisionComment: 'Use the runbook instead',
});
const revoked = accessRequest({
  id: 'req-4',
  targetId: 'group:default/team-payments',
  target: { kind: 'group', group: 'group:default/team-payments' },
  status: 'revoked',
  revokedBy: 'user:default/alan',
  revokedAt: '2026-11-27T12:00:00.000Z',
  revokeReason: 'The incident is over',
});

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

function fakeApi(items = [pending, active, rejected, revoked]) {
  return {
    listTargets: jest.fn(async () => ({ items: targets })),
    listRequests: jest.fn(async () => ({ items })),
    cancelRequest: jest.fn(async (id: string) => ({
      ...pending,
      id,
      status: 'cancelled' as const,
    })),
  };
}

describe('MyAccessView', () => {
  it('shows my requests: waiting, active until when, and past with who decided and why', async () => {
    const api = fakeApi();
    await renderWithAccessRequestsApi(<MyAccessView />, api);

    expect(await screen.findByText('My access')).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'mine', status: undefined }),
    );
    // The form is there, for those who may ask.
    expect(
      await screen.findByRole('button', { name: 'Ask for access' }),
    ).toBeInTheDocument();

    const statuses = screen
      .getAllByTestId('access-request-status')
      .map(chip => chip.textContent);
    expect(statuses).toEqual(
      expect.arrayContaining([
        'Awaiting approval',
        'Active',
        'Rejected',
        'Revoked',
      ]),
    );
    expect(
      screen.getByRole('link', { name: 'Open its approval' }),
    ).toHaveAttribute('href', '/approvals/requests/appr-1');
    expect(screen.getByTestId('grant-expiry')).toHaveTextContent(
      /^Until .+ · in [23] hours$/,
    );
    // Who decided by name, and what they said.
    expect(screen.getByText('“Go ahead”')).toBeInTheDocument();
    expect(screen.getByText('“Use the runbook instead”')).toBeInTheDocument();
    expect(screen.getByText('“The incident is over”')).toBeInTheDocument();
    expect(screen.getAllByText('Alan Approver').length).toBe(3);
    expect(screen.queryByText('user:default/alan')).toBeNull();
    // Targets by their titles from the config.
    const table = screen.getByRole('table');
    expect(within(table).getAllByText('Platform admin')).toHaveLength(3);
    expect(within(table).getByText('Team Payments member')).toBeInTheDocument();
  });

  it('cancels a pending request and shows it cancelled from the answer', async () => {
    const api = fakeApi();
    // Any later read never answers: what shows the cancel can only be the cancel's answer.
    api.listRequests
      .mockResolvedValueOnce({ items: [pending, active, rejected, revoked] })
      .mockImplementation(() => new Promise<never>(() => {}));
    await renderWithAccessRequestsApi(<MyAccessView />, api);
    await screen.findByText('My access');

    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    // Only the pending request can be cancelled.
    expect(screen.getAllByRole('button', { name: 'Cancel' })).toHaveLength(1);
    fireEvent.click(cancel);

    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('access-request-status')
          .map(chip => chip.textContent),
      ).toContain('Cancelled'),
    );
    expect(api.cancelRequest).toHaveBeenCalledWith('req-1');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('offers neither the form nor Cancel when the policy allows neither', async () => {
    await renderWithAccessRequestsApi(<MyAccessView />, fakeApi(), {
      authorize: allowing('access-requests.request.read'),
    });
    await screen.findByText('My access');
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ask for access' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('reads my requests again once a grant has ended, so it shows expired', async () => {
    const ending = accessRequest({
      id: 'req-5',
      status: 'active',
      decidedBy: 'user:default/alan',
      expiresAt: new Date(Date.now() + 5_000).toISOString(),
    });
    const api = fakeApi([ending]);
    api.listRequests
      .mockResolvedValueOnce({ items: [ending] })
      .mockResolvedValue({ items: [{ ...ending, status: 'expired' }] });
    await renderWithAccessRequestsApi(<MyAccessView />, api);
    expect(await screen.findByText('Active')).toBeInTheDocument();
    await waitFor(
      () => expect(screen.getByText('Expired')).toBeInTheDocument(),
      {
        timeout: 20_000,
      },
    );
    expect(
      within(rowOf('Expired')).getByTestId('grant-expiry'),
    ).toHaveTextContent(/^Ended /);
  });

  it('says so when I have not asked for anything', async () => {
    await renderWithAccessRequestsApi(<MyAccessView />, fakeApi([]));
    expect(
      await screen.findByText('You have not asked for access yet'),
    ).toBeInTheDocument();
  });

  it('shows why my requests could not be loaded', async () => {
    const api = fakeApi();
    api.listRequests.mockRejectedValue(new Error('backend is down'));
    await renderWithAccessRequestsApi(<MyAccessView />, api);
    expect(await screen.findByText(/backend is down/)).toBeInTheDocument();
  });
});
