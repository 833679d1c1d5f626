import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  accessRequest,
  renderWithAccessRequestsApi,
  targets,
} from '../../__testUtils__';
import { AskForAccessCard } from './AskForAccessCard';

// MUI selects and typing take seconds on a busy machine.
jest.setTimeout(30_000);

async function renderCard(
  createRequest: jest.Mock,
  onCreated: jest.Mock = jest.fn(),
) {
  await renderWithAccessRequestsApi(
    <AskForAccessCard targets={targets} onCreated={onCreated} />,
    { createRequest },
  );
}

const submit = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Ask for access' }));

describe('AskForAccessCard', () => {
  it('offers the targets with their description, approvers and own durations', async () => {
    await renderCard(jest.fn());
    const access = screen.getByLabelText('Access');
    expect(access).toHaveValue('admin');
    expect(
      screen.getByText('Everything, including the admin pages'),
    ).toBeInTheDocument();
    // The approvers by name, not as refs.
    expect(screen.getByText('Approvers')).toBeInTheDocument();
    const duration = screen.getByLabelText('For how long');
    expect(
      Array.from((duration as HTMLSelectElement).options).map(o => o.text),
    ).toEqual(['30 minutes', '4 hours']);

    fireEvent.change(access, {
      target: { value: 'group:default/team-payments' },
    });
    expect(duration).toHaveValue('1d');
    expect(
      Array.from((duration as HTMLSelectElement).options).map(o => o.text),
    ).toEqual(['1 day']);
    expect(screen.getByText('Alan Approver')).toBeInTheDocument();
  });

  it('says in plain words what is wrong with the reason and sends nothing', async () => {
    const createRequest = jest.fn();
    await renderCard(createRequest);
    submit();
    expect(
      await screen.findByText('Tell the approvers why you need this access'),
    ).toBeInTheDocument();

    const reason = screen.getByLabelText('Reason');
    fireEvent.change(reason, { target: { value: 'keys' } });
    expect(
      screen.getByText(
        'A little more, please: at least 10 characters (6 to go)',
      ),
    ).toBeInTheDocument();
    submit();
    expect(createRequest).not.toHaveBeenCalled();
    // No native validation bubble: the form checks itself.
    expect(reason).not.toBeRequired();
    expect(reason.closest('form')).toHaveAttribute('novalidate');
  });

  it('asks for access and shows the new request with a link to its approval', async () => {
    const created = accessRequest({ duration: '30m' });
    const createRequest = jest.fn(async () => created);
    const onCreated = jest.fn();
    await renderCard(createRequest, onCreated);

    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: '  Rotating the signing keys  ' },
    });
    submit();

    const done = await screen.findByTestId('access-request-created');
    expect(createRequest).toHaveBeenCalledWith({
      targetId: 'admin',
      duration: '30m',
      reason: 'Rotating the signing keys',
    });
    expect(onCreated).toHaveBeenCalledWith(created);
    expect(done).toHaveTextContent(
      'You asked for Platform admin for 30 minutes',
    );
    expect(done).toHaveTextContent('Awaiting approval');
    expect(
      screen.getByRole('link', { name: 'Open its approval request' }),
    ).toHaveAttribute('href', '/approvals/requests/appr-1');
    // Ready for the next one.
    expect(screen.getByLabelText('Reason')).toHaveValue('');
  });

  it('shows why the server refused, e.g. a request already open', async () => {
    const createRequest = jest.fn(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: 'You already have a pending request for admin',
            },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    await renderCard(createRequest);
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Rotating the signing keys' },
    });
    submit();
    expect(
      await screen.findByText('You already have a pending request for admin'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByTestId('access-request-created')).toBeNull(),
    );
  });

  it('says so when nothing may be asked for', async () => {
    await renderWithAccessRequestsApi(
      <AskForAccessCard targets={[]} onCreated={jest.fn()} />,
      {},
    );
    expect(
      screen.getByText(/Nothing can be asked for yet/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ask for access' })).toBeNull();
  });
});
