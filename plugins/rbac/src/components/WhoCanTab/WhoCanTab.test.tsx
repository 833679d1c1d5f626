import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { permissions, renderWithRbacApi } from '../../__testUtils__';
import { WhoCanTab } from './WhoCanTab';

async function choosePermission(name: string) {
  await userEvent.click(screen.getByRole('textbox', { name: 'Permission' }));
  await userEvent.click(await screen.findByRole('option', { name }));
}

describe('WhoCanTab', () => {
  it('lists who may do a permission on a resource, with their roles', async () => {
    const getWhoCan = jest.fn(async () => ({
      permission: permissions[1],
      resourceRef: 'req-1',
      users: [
        {
          userRef: 'user:default/dev',
          result: 'ALLOW' as const,
          grantedBy: ['developer'],
        },
      ],
    }));
    await renderWithRbacApi(<WhoCanTab />, {
      getPermissions: async () => permissions,
      getWhoCan,
    });

    const resource = await screen.findByRole('textbox', {
      name: 'Resource (optional)',
    });
    expect(resource).toBeDisabled();
    await choosePermission('infra.request.read');
    expect(resource).toBeEnabled();
    await userEvent.type(resource, 'req-1');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show denied users too' }),
    );

    await waitFor(() =>
      expect(getWhoCan).toHaveBeenLastCalledWith({
        permission: 'infra.request.read',
        resourceRef: 'req-1',
        all: true,
      }),
    );
    const row = (
      await screen.findByRole('link', { name: 'Dana Developer' })
    ).closest('tr')!;
    expect(within(row).getByText('Allowed')).toBeInTheDocument();
    expect(within(row).getByText('developer')).toBeInTheDocument();
  });

  it('keeps the resource field off for a basic permission', async () => {
    const getWhoCan = jest.fn(async () => ({
      permission: permissions[2],
      users: [],
    }));
    await renderWithRbacApi(<WhoCanTab />, {
      getPermissions: async () => permissions,
      getWhoCan,
    });
    await choosePermission('scaffolder.task.create');
    expect(
      screen.getByRole('textbox', { name: 'Resource (optional)' }),
    ).toBeDisabled();
    expect(
      await screen.findByText('Nobody may do scaffolder.task.create'),
    ).toBeInTheDocument();
    expect(getWhoCan).toHaveBeenCalledWith({
      permission: 'scaffolder.task.create',
      resourceRef: undefined,
      all: false,
    });
  });

  it('shows an error when the permissions cannot be read', async () => {
    await renderWithRbacApi(<WhoCanTab />, {
      getPermissions: async () => {
        throw new Error('rbac backend unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/rbac backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
