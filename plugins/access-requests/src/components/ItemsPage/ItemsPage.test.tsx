import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { AccessRequestsItem } from '@internal/plugin-access-requests-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccessRequestsApi, accessRequestsApiRef } from '../../api/AccessRequestsApi';
import { ItemsPage } from './ItemsPage';

// material-table's first render takes seconds on a busy machine.
jest.setTimeout(30_000);

const draft: AccessRequestsItem = {
  id: '6f1c1a52-0000-4000-8000-000000000001',
  title: 'A draft',
  status: 'draft',
  createdBy: 'user:default/jane',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function fakeApi(overrides: Partial<AccessRequestsApi> = {}) {
  const api: jest.Mocked<AccessRequestsApi> = {
    listItems: jest.fn(async () => ({ items: [draft] })),
    createItem: jest.fn(),
    requestPublish: jest.fn(async (_id: string) => ({
      ...draft,
      status: 'awaiting-approval' as const,
    })),
  };
  return Object.assign(api, overrides);
}

async function renderPage(api: AccessRequestsApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[accessRequestsApiRef, api]]}>
      <ItemsPage />
    </TestApiProvider>,
  );
}

describe('ItemsPage', () => {
  it('lists the items and asks to publish a draft', async () => {
    const api = fakeApi();
    await renderPage(api);
    expect(await screen.findByText('A draft')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Ask to publish' }));
    await waitFor(() =>
      expect(api.requestPublish).toHaveBeenCalledWith(draft.id),
    );
    await waitFor(() => expect(api.listItems).toHaveBeenCalledTimes(2));
  });

  it('says so when there are no items', async () => {
    await renderPage(fakeApi({ listItems: jest.fn(async () => ({ items: [] })) }));
    expect(await screen.findByText('No items yet')).toBeInTheDocument();
  });

  it('shows why the items could not be loaded', async () => {
    await renderPage(
      fakeApi({
        listItems: jest.fn(async () => {
          throw new Error('backend is down');
        }),
      }),
    );
    expect(await screen.findByText(/backend is down/)).toBeInTheDocument();
  });
});
