import { screen, waitFor } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { allowing, renderWithAccessRequestsApi } from '../../__testUtils__';
import { AccessRequestsSidebarItem } from './AccessRequestsSidebarItem';

describe('AccessRequestsSidebarItem', () => {
  it('links to the page for those who may ask for access', async () => {
    await renderWithAccessRequestsApi(<AccessRequestsSidebarItem />, {});
    expect(
      await screen.findByRole('link', { name: 'Access requests' }),
    ).toHaveAttribute('href', '/access-requests');
  });

  it('is not there for the others', async () => {
    const authorize = jest.fn(allowing('catalog.entity.read'));
    await renderWithAccessRequestsApi(
      <AccessRequestsSidebarItem />,
      {},
      {
        authorize,
      },
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize.mock.results[0].value).toBe(AuthorizeResult.DENY);
    expect(screen.queryByText('Access requests')).toBeNull();
  });
});
