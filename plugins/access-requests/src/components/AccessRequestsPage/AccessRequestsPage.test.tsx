import { screen } from '@testing-library/react';
import {
  allowing,
  renderWithAccessRequestsApi,
  targets,
} from '../../__testUtils__';
import { AccessRequestsPage } from './AccessRequestsPage';

jest.setTimeout(30_000);

const api = () => ({
  listTargets: jest.fn(async () => ({ items: targets })),
  listRequests: jest.fn(async () => ({ items: [] })),
});

describe('AccessRequestsPage', () => {
  it('shows everyone’s grants to those who may revoke them', async () => {
    const fake = api();
    await renderWithAccessRequestsApi(<AccessRequestsPage />, fake, {
      routeEntries: ['/all'],
    });
    expect(await screen.findByTestId('header-tab-1')).toHaveTextContent(
      'All grants',
    );
    expect(
      await screen.findByText('Nobody has asked for access yet'),
    ).toBeInTheDocument();
    expect(fake.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'all' }),
    );
  });

  it('shows only my access to the others, even at /all', async () => {
    const fake = api();
    await renderWithAccessRequestsApi(<AccessRequestsPage />, fake, {
      authorize: allowing(
        'access-requests.request.create',
        'access-requests.request.read',
      ),
      routeEntries: ['/all'],
    });
    expect(
      await screen.findByText('You have not asked for access yet'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('header-tab-0')).toHaveTextContent('My access');
    expect(screen.queryByTestId('header-tab-1')).toBeNull();
    expect(fake.listRequests).not.toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'all' }),
    );
  });
});
