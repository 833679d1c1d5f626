import { screen, within } from '@testing-library/react';
import { renderWithRbacApi, roles } from '../../__testUtils__';
import { RolesTab } from './RolesTab';

describe('RolesTab', () => {
  it('shows each role with its templates, members, users and grants', async () => {
    await renderWithRbacApi(<RolesTab />, { getRoles: async () => roles });

    expect(
      await screen.findByText('Runs the templates tagged developer.'),
    ).toBeInTheDocument();
    // People and groups by their catalog names: a group links to its catalog page, a user
    // to what they can do.
    const group = screen.getByRole('link', { name: 'Developers' });
    expect(group).toHaveAttribute('href', '/catalog/default/group/developers');
    expect(group.closest('span')?.textContent).toBe('Developers (2 users)');
    expect(screen.getByRole('link', { name: 'Linus Lead' })).toHaveAttribute(
      'href',
      '/rbac/user?userRef=user%3Adefault%2Flinus',
    );
    expect(screen.getByText('Members (2 users)')).toBeInTheDocument();
    expect(
      screen.getByText('anyOf(IS_REQUESTER, IS_OWNER)'),
    ).toBeInTheDocument();

    const [developerGrants, viewerGrants] = screen.getAllByRole('table', {
      name: 'Grants',
    });
    expect(
      within(developerGrants).getByText('scaffolder.task.create'),
    ).toBeInTheDocument();
    expect(
      within(developerGrants).getByText('conditional'),
    ).toBeInTheDocument();
    expect(
      within(viewerGrants).getByText('catalog.entity.read'),
    ).toBeInTheDocument();
    expect(screen.getByText('Members (1 user)')).toBeInTheDocument();
    expect(screen.getByText('No templates.')).toBeInTheDocument();
  });

  it('says so when no role is configured', async () => {
    await renderWithRbacApi(<RolesTab />, { getRoles: async () => [] });
    expect(
      await screen.findByText('No roles are configured'),
    ).toBeInTheDocument();
  });

  it('shows the denial of a non-admin', async () => {
    await renderWithRbacApi(<RolesTab />, {
      getRoles: async () => {
        throw Object.assign(
          new Error('You are not allowed to do this: Admins only'),
          { name: 'NotAllowedError' },
        );
      },
    });
    expect(
      (
        await screen.findAllByText(
          /You are not allowed to do this: Admins only/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
