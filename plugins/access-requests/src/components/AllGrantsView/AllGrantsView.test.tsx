import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  accessRequest,
  allowing,
  renderWithAccessRequestsApi,
  targets,
} from '../../__testUtils__';
import { AllGrantsView } from './AllGrantsView';

// material-table and dialogs take seconds on a busy machine.
jest.setTimeout(30_000);

const active = accessRequest({
  id: 'req-2',
  status: 'active',
  decidedBy: 'user:default/alan',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
});
const pending = accessRequest({
  id: 'req-3',
  requester: 'user:default/alan',
});

function fakeApi() {
  return {
    listTargets: jest.fn(async () => ({ items: targets })),
    listRequests: jest.fn(async () => ({ items: [active, pending] })),
    revokeGrant: jest.fn(async (id: string, body: { reason: string }) => ({
      ...active,
      id,
      status: 'revoked' as const,
      revokedBy: 'user:default/alan',
      revokedAt: '2026-11-29T11:00:00.000Z',
      revokeReason: body.reason,
    })),
  };
}

const statuses = () =>
  screen.getAllByTestId('access-request-status').map(chip => chip.textContent);

describe('AllGrantsView', () => {
  it('lists everyone’s requests with who asked, and filters by status on the server', async () => {
    const api = fakeApi();
    await renderWithAccessRequestsApi(<AllGrantsView />, api);
    expect(await screen.findByText('All grants')).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'all', status: undefined }),
    );
    expect(screen.getByText('Dana Developer')).toBeInTheDocument();
    expect(screen.queryByText('user:default/dev')).toBeNull();

    fireEvent.change(screen.getByLabelText('Status'), {
      target: { value: 'active' },
    });
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenLastCalledWith(
        expect.objectContaining({ scope: 'all', status: 'active' }),
      ),
    );
  });

  it('revokes an active grant with a reason and shows it revoked at once', async () => {
    const api = fakeApi();
    // Any later read never answers: what shows the revoke can only be the revoke's answer.
    api.listRequests
      .mockResolvedValueOnce({ items: [active, pending] })
      .mockImplementation(() => new Promise<never>(() => {}));
    await renderWithAccessRequestsApi(<AllGrantsView />, api);
    await screen.findByText('All grants');

    // Only the active grant can be revoked.
    const revokeButtons = screen.getAllByRole('button', { name: 'Revoke' });
    expect(revokeButtons).toHaveLength(1);
    fireEvent.click(revokeButtons[0]);

    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Revoke now' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: '  The incident is over ' },
    });
    fireEvent.click(confirm);

    await waitFor(() => expect(statuses()).toContain('Revoked'));
    expect(api.revokeGrant).toHaveBeenCalledWith('req-2', {
      reason: 'The incident is over',
    });
    expect(statuses()).not.toContain('Active');
    expect(screen.getByText('“The incident is over”')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  it('keeps the dialog open with the server’s reason when the revoke fails', async () => {
    const api = fakeApi();
    api.revokeGrant.mockImplementation(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: 'The grant already ended',
            },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    await renderWithAccessRequestsApi(<AllGrantsView />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: 'Done' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke now' }));
    expect(
      await within(dialog).findByText('The grant already ended'),
    ).toBeInTheDocument();
    expect(statuses()).toContain('Active');
  });

  it('offers no Revoke where the policy does not allow it', async () => {
    await renderWithAccessRequestsApi(<AllGrantsView />, fakeApi(), {
      authorize: allowing('access-requests.request.read'),
    });
    await screen.findByText('All grants');
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
  });
});
