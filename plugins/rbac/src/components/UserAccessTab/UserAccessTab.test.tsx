import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  devAccess,
  devAccessWithGrants,
  matrix,
  renderWithRbacApi,
} from '../../__testUtils__';
import { UserAccessTab } from './UserAccessTab';

describe('UserAccessTab', () => {
  it('shows every permission with its decision and the role that gave it', async () => {
    const getUserAccess = jest.fn(async () => devAccess);
    await renderWithRbacApi(
      <UserAccessTab />,
      { getUserAccess, getMatrix: async () => matrix },
      { routeEntries: ['/?userRef=user%3Adefault%2Fdev'] },
    );

    expect(
      await screen.findByRole('heading', {
        name: 'What Dana Developer can do',
      }),
    ).toBeInTheDocument();
    expect(getUserAccess).toHaveBeenCalledWith('user:default/dev');
    const conditional = screen.getByText('infra.request.read').closest('tr')!;
    expect(
      within(conditional).getByText('Conditional: IS_OWNER'),
    ).toBeInTheDocument();
    expect(within(conditional).getByText('developer')).toBeInTheDocument();
    const allowed = screen.getByText('scaffolder.task.create').closest('tr')!;
    expect(within(allowed).getByText('Allowed')).toBeInTheDocument();
    const denied = screen.getByText('catalog.entity.read').closest('tr')!;
    expect(within(denied).getByText('Denied')).toBeInTheDocument();
    // Groups by their catalog names, linked to their pages.
    expect(screen.getByRole('link', { name: 'Developers' })).toHaveAttribute(
      'href',
      '/catalog/default/group/developers',
    );
    expect(
      screen.getByRole('link', { name: 'Engineering' }),
    ).toBeInTheDocument();
  });

  it('shows temporary grants with their expiry, and marks the roles they alone give', async () => {
    await renderWithRbacApi(
      <UserAccessTab />,
      {
        getUserAccess: async () => devAccessWithGrants,
        getMatrix: async () => matrix,
      },
      { routeEntries: ['/?userRef=user%3Adefault%2Fdev'] },
    );
    const until = (iso: string) =>
      new Date(iso).toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      });
    expect(
      await screen.findByText(
        `admin (temporary, until ${until('2026-11-29T16:00:00.000Z')})`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `approver (temporary, until ${until('2026-11-30T09:30:00.000Z')})`,
      ),
    ).toBeInTheDocument();
    // A permanent role is not marked.
    expect(
      screen.getByText('developer', { selector: 'span' }),
    ).toBeInTheDocument();
    const grants = screen.getByRole('list', { name: 'Temporary grants' });
    expect(
      within(grants)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      `role admin, until ${until('2026-11-29T16:00:00.000Z')}`,
      `membership of Approvers (gives approver), until ${until(
        '2026-11-30T09:30:00.000Z',
      )}`,
    ]);
    expect(
      within(grants).getByRole('link', { name: 'Approvers' }),
    ).toHaveAttribute('href', '/catalog/default/group/approvers');
    const allowed = screen.getByText('catalog.entity.read').closest('tr')!;
    expect(within(allowed).getByText('admin (temporary)')).toBeInTheDocument();
  });

  it('lists no temporary grants when the user has none', async () => {
    await renderWithRbacApi(
      <UserAccessTab />,
      { getUserAccess: async () => devAccess, getMatrix: async () => matrix },
      { routeEntries: ['/?userRef=user%3Adefault%2Fdev'] },
    );
    expect(
      await screen.findByRole('heading', {
        name: 'What Dana Developer can do',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Temporary grants')).not.toBeInTheDocument();
    expect(screen.queryByText(/temporary/)).not.toBeInTheDocument();
  });

  it('suggests users as one types and looks up the one chosen', async () => {
    const getMatrix = jest.fn(async () => matrix);
    const getUserAccess = jest.fn(async () => devAccess);
    await renderWithRbacApi(<UserAccessTab />, { getMatrix, getUserAccess });

    expect(screen.getByText('What can this user do?')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'User' }), 'ver');
    await userEvent.click(
      await screen.findByRole('option', { name: 'user:default/vera' }),
    );
    expect(getMatrix).toHaveBeenCalledWith({ q: 'ver', limit: 10 });
    await waitFor(() =>
      expect(getUserAccess).toHaveBeenCalledWith('user:default/vera'),
    );
  });

  it('completes a typed name to a user ref', async () => {
    const getUserAccess = jest.fn(async () => devAccess);
    await renderWithRbacApi(<UserAccessTab />, {
      getMatrix: async () => ({ ...matrix, rows: [] }),
      getUserAccess,
    });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'User' }),
      'dev{Enter}',
    );
    await waitFor(() =>
      expect(getUserAccess).toHaveBeenCalledWith('user:default/dev'),
    );
  });

  it('shows an error when the access cannot be read', async () => {
    await renderWithRbacApi(
      <UserAccessTab />,
      {
        getMatrix: async () => matrix,
        getUserAccess: async () => {
          throw new Error('No user user:default/nobody');
        },
      },
      { routeEntries: ['/?userRef=user%3Adefault%2Fnobody'] },
    );
    expect(
      (await screen.findAllByText(/No user user:default\/nobody/)).length,
    ).toBeGreaterThan(0);
  });
});
