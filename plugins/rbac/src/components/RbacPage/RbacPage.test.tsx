import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  matrix,
  permissions,
  renderWithRbacApi,
  roles,
} from '../../__testUtils__';
import { RbacPage } from './RbacPage';

const api = {
  getRoles: async () => roles,
  getPermissions: async () => permissions,
  getMatrix: async () => matrix,
};

describe('RbacPage', () => {
  it('opens on the roles and switches tabs', async () => {
    await renderWithRbacApi(<RbacPage />, api);

    expect(await screen.findByText('Members (2 users)')).toBeInTheDocument();
    for (const tab of ['Roles', 'User access', 'Who can', 'Matrix']) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }

    await userEvent.click(screen.getByRole('tab', { name: 'Matrix' }));
    expect(await screen.findByText('Access of 60 users')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Changing roles' }));
    expect(
      await screen.findByText('Add a user or group to a role'),
    ).toBeInTheDocument();
  });
});
