import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  matrix,
  permissions,
  renderWithRbacApi,
  roles,
} from '../../__testUtils__';
import { downloadBlob } from '@internal/plugin-api-react';
import { MatrixTab } from './MatrixTab';

jest.mock('@internal/plugin-api-react', () => ({
  ...jest.requireActual('@internal/plugin-api-react'),
  downloadBlob: jest.fn(),
}));

function apiWith(overrides: object = {}) {
  return {
    getRoles: async () => roles,
    getPermissions: async () => permissions,
    getMatrix: jest.fn(async () => matrix),
    exportMatrixCsv: jest.fn(async () => new Blob(['user\n'])),
    ...overrides,
  };
}

describe('MatrixTab', () => {
  it('shows a page of users by permissions', async () => {
    const api = apiWith();
    await renderWithRbacApi(<MatrixTab />, api);

    const dev = (
      await screen.findByRole('link', { name: 'Dana Developer' })
    ).closest('tr')!;
    expect(within(dev).getByText('developer')).toBeInTheDocument();
    expect(within(dev).getByText('Allowed')).toBeInTheDocument();
    expect(within(dev).getByText('Denied')).toBeInTheDocument();
    expect(screen.getByText('Access of 60 users')).toBeInTheDocument();
    expect(screen.getByText('1-25 of 60')).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenCalledWith({
      q: undefined,
      role: undefined,
      permissions: [],
      offset: 0,
      limit: 25,
    });
  });

  it('filters by user, role and permissions and pages on the server', async () => {
    const api = apiWith();
    await renderWithRbacApi(<MatrixTab />, api);
    await screen.findByText('Access of 60 users');

    await userEvent.type(screen.getByRole('textbox', { name: 'User' }), 'de');
    await userEvent.click(
      screen.getByRole('button', { name: 'Role Any role' }),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('developer'),
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Permissions' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'scaffolder.task.create' }),
    );
    await waitFor(() =>
      expect(api.getMatrix).toHaveBeenLastCalledWith({
        q: 'de',
        role: 'developer',
        permissions: ['scaffolder.task.create'],
        offset: 0,
        limit: 25,
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() =>
      expect(api.getMatrix).toHaveBeenLastCalledWith(
        expect.objectContaining({ role: 'developer', offset: 25, limit: 25 }),
      ),
    );
  });

  it('exports the matrix as CSV with the same filters', async () => {
    const api = apiWith();
    await renderWithRbacApi(<MatrixTab />, api);
    await screen.findByText('Access of 60 users');
    await userEvent.type(screen.getByRole('textbox', { name: 'User' }), 'vera');
    await waitFor(() =>
      expect(api.getMatrix).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'vera' }),
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloadBlob).toHaveBeenCalled());
    expect(api.exportMatrixCsv).toHaveBeenCalledWith({
      q: 'vera',
      role: undefined,
      permissions: [],
    });
    expect(downloadBlob).toHaveBeenCalledWith(
      expect.any(Blob),
      'gantry-access.csv',
    );
  });

  it('says so when no user matches', async () => {
    await renderWithRbacApi(
      <MatrixTab />,
      apiWith({
        getMatrix: async () => ({ ...matrix, rows: [], totalUsers: 0 }),
      }),
    );
    expect(
      await screen.findByText('No users match these filters'),
    ).toBeInTheDocument();
  });

  it('shows an error when the matrix cannot be read', async () => {
    await renderWithRbacApi(
      <MatrixTab />,
      apiWith({
        getMatrix: async () => {
          throw new Error('matrix unavailable');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/matrix unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
