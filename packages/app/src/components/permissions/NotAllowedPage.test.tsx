import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { RbacApi, rbacApiRef } from '@internal/plugin-rbac';
import { NotAllowedPage } from './NotAllowedPage';

async function renderPage(getRequiredRoles: RbacApi['getRequiredRoles']) {
  await renderInTestApp(
    <TestApiProvider apis={[[rbacApiRef, { getRequiredRoles }]]}>
      <NotAllowedPage
        title="Create..."
        permission={taskCreatePermission}
        action="create software from templates"
      />
    </TestApiProvider>,
  );
}

describe('NotAllowedPage', () => {
  it('names the roles that would allow the page', async () => {
    const getRequiredRoles = jest.fn(async (permission: string) => ({
      permission,
      roles: [
        { name: 'developer', description: 'Runs the developer templates.' },
        { name: 'admin', description: 'Everything.' },
      ],
    }));
    await renderPage(getRequiredRoles);

    expect(
      screen.getByText('You are not allowed to see this page'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'You need the developer or admin role to create software from templates. Ask your platform team to add you to the role.',
      ),
    ).toBeInTheDocument();
    expect(getRequiredRoles).toHaveBeenCalledWith('scaffolder.task.create');
  });

  it('falls back to the generic sentence when the roles cannot be read', async () => {
    await renderPage(async () => {
      throw new Error('rbac backend unavailable');
    });
    expect(
      await screen.findByText(
        'Your role does not allow you to create software from templates. If you need it, ask a Gantry admin for a role that allows it.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/unavailable/)).toBeNull();
  });

  it('falls back to the generic sentence when no role grants it', async () => {
    await renderPage(async permission => ({ permission, roles: [] }));
    expect(
      await screen.findByText(/^Your role does not allow you to create/),
    ).toBeInTheDocument();
  });
});
