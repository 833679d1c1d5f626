import { screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import { HomePage } from './HomePage';

async function renderHome(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const authorize = jest.fn(() => result);
  await renderInTestApp(
    <TestApiProvider
      apis={[[permissionApiRef, mockApis.permission({ authorize })]]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <HomePage />
      </SWRConfig>
    </TestApiProvider>,
  );
  return authorize;
}

describe('HomePage', () => {
  it('offers templates to those allowed to run them', async () => {
    await renderHome(AuthorizeResult.ALLOW);
    expect(
      await screen.findByRole('link', { name: 'Launch a template' }),
    ).toHaveAttribute('href', '/create');
  });

  it('does not offer templates to those not allowed to run them', async () => {
    const authorize = await renderHome(AuthorizeResult.DENY);
    expect(
      await screen.findByRole('link', { name: 'Browse the catalog' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.queryByRole('link', { name: 'Launch a template' }),
    ).toBeNull();
  });
});
