import { screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { rbacAccessReadPermission } from '@internal/plugin-rbac-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { approvalsApiRef } from '@internal/plugin-approvals';
import { SWRConfig } from 'swr';
import { auditTrailReadPermission } from '@internal/plugin-audit-common';
import { Root } from './Root';

// Sidebar items of other plugins, each needing its own APIs and routes, are beside the point.
jest.mock('@backstage/plugin-notifications', () => ({
  NotificationsSidebarItem: () => null,
}));
jest.mock('@backstage/plugin-org', () => ({ MyGroupsSidebarItem: () => null }));
jest.mock('@backstage/plugin-search', () => ({
  SidebarSearchModal: () => null,
}));
jest.mock('@backstage/plugin-user-settings', () => ({
  Settings: () => null,
  UserSettingsSignInAvatar: () => null,
}));

async function renderRoot(
  authorize: (
    request: EvaluatePermissionRequest,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [permissionApiRef, mockApis.permission({ authorize })],
        [
          approvalsApiRef,
          { getSummary: async () => ({ pendingAssignedToMe: 0 }) },
        ],
        [signalApiRef, { subscribe: () => ({ unsubscribe: () => {} }) }],
      ]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <Root>
          <div>page</div>
        </Root>
      </SWRConfig>
    </TestApiProvider>,
  );
}

describe('Root', () => {
  it('shows Create... to those allowed to run templates', async () => {
    await renderRoot(() => AuthorizeResult.ALLOW);
    expect(await screen.findByText('Create...')).toBeInTheDocument();
  });

  it("shows Access to those allowed to read everyone's access", async () => {
    await renderRoot(() => AuthorizeResult.ALLOW);
    expect(await screen.findByText('Access')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Access' })).toHaveAttribute(
      'href',
      '/rbac',
    );
  });

  it("hides Access from those not allowed to read everyone's access", async () => {
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === rbacAccessReadPermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderRoot(authorize);
    expect(await screen.findByText('Create...')).toBeInTheDocument();
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: rbacAccessReadPermission.name,
          }),
        }),
      ),
    );
    expect(screen.queryByText('Access')).toBeNull();
  });

  it('shows Audit to those who may open the audit page', async () => {
    await renderRoot(() => AuthorizeResult.ALLOW);
    expect(await screen.findByRole('link', { name: 'Audit' })).toHaveAttribute(
      'href',
      '/audit',
    );
  });

  it('hides Audit from those who may not open the audit page', async () => {
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === auditTrailReadPermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderRoot(authorize);
    expect(await screen.findByText('Create...')).toBeInTheDocument();
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: auditTrailReadPermission.name,
          }),
        }),
      ),
    );
    expect(screen.queryByText('Audit')).toBeNull();
  });

  it('hides Create... from those not allowed to run templates', async () => {
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === taskCreatePermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderRoot(authorize);
    expect(await screen.findByText('Infrastructure')).toBeInTheDocument();
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: taskCreatePermission.name,
          }),
        }),
      ),
    );
    expect(screen.queryByText('Create...')).toBeNull();
    expect(screen.getByText('Catalog')).toBeInTheDocument();
  });
});
