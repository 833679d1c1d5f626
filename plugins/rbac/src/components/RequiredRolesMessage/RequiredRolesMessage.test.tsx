import { screen } from '@testing-library/react';
import { renderWithRbacApi } from '../../__testUtils__';
import { RequiredRolesMessage } from './RequiredRolesMessage';

const taskCreate = { name: 'scaffolder.task.create' };
const action = 'create software from templates';

describe('RequiredRolesMessage', () => {
  it('names the roles that grant the permission', async () => {
    const getRequiredRoles = jest.fn(async () => ({
      permission: 'scaffolder.task.create',
      roles: [
        { name: 'developer', description: 'Runs templates.' },
        { name: 'admin', description: 'Everything.' },
      ],
    }));
    await renderWithRbacApi(
      <RequiredRolesMessage permission={taskCreate} action={action} />,
      { getRequiredRoles },
    );
    expect(
      await screen.findByText(
        'You need the developer or admin role to create software from templates. Ask your platform team to add you to the role.',
      ),
    ).toBeInTheDocument();
    expect(getRequiredRoles).toHaveBeenCalledWith('scaffolder.task.create');
  });

  it('lists three roles with commas', async () => {
    await renderWithRbacApi(
      <RequiredRolesMessage permission={taskCreate} action={action} />,
      {
        getRequiredRoles: async () => ({
          permission: 'scaffolder.task.create',
          roles: ['a', 'b', 'c'].map(name => ({ name, description: '' })),
        }),
      },
    );
    expect(
      await screen.findByText(/^You need the a, b or c role to/),
    ).toBeInTheDocument();
  });

  it('falls back to a generic sentence when no role grants it', async () => {
    await renderWithRbacApi(
      <RequiredRolesMessage permission={taskCreate} action={action} />,
      {
        getRequiredRoles: async () => ({
          permission: 'scaffolder.task.create',
          roles: [],
        }),
      },
    );
    expect(
      await screen.findByText(
        /^Your role does not allow you to create software from templates\./,
      ),
    ).toBeInTheDocument();
  });

  it('falls back to a generic sentence when the roles cannot be read', async () => {
    await renderWithRbacApi(
      <RequiredRolesMessage permission={taskCreate} action={action} />,
      {
        getRequiredRoles: async () => {
          throw new Error('rbac backend unavailable');
        },
      },
    );
    expect(
      await screen.findByText(/^Your role does not allow you to create/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/unavailable/)).toBeNull();
  });
});
