import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithRbacApi, roles } from '../../__testUtils__';
import { ChangingRolesTab } from './ChangingRolesTab';

describe('ChangingRolesTab', () => {
  it('says where roles are edited and builds the snippet for a new member', async () => {
    await renderWithRbacApi(<ChangingRolesTab />, {
      getRoles: async () => roles,
    });

    expect(
      screen.getByText(/take effect within seconds, without a restart/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('gantry.rbac').length).toBeGreaterThan(0);

    await userEvent.click(await screen.findByRole('button', { name: /^Role/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('viewer'),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'User or group to add' }),
      'group:default/data',
    );
    expect(
      screen.getByText(
        (_content, element) =>
          element?.tagName === 'CODE' &&
          (element.textContent ?? '').includes('- name: viewer') &&
          (element.textContent ?? '').includes('- group:default/data # added'),
      ),
    ).toBeInTheDocument();
  });

  it('asks for the kind of a member', async () => {
    await renderWithRbacApi(<ChangingRolesTab />, {
      getRoles: async () => roles,
    });
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'User or group to add' }),
      'dev',
    );
    expect(screen.getByText(/Write the kind/)).toBeInTheDocument();
  });

  it('shows an error when the roles cannot be read', async () => {
    await renderWithRbacApi(<ChangingRolesTab />, {
      getRoles: async () => {
        throw new Error('rbac backend unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/rbac backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
