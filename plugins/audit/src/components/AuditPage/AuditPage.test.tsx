import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { downloadBlob } from '@internal/plugin-api-react';
import {
  AuditPage as AuditResultPage,
  AuditQuery,
} from '@internal/plugin-audit-common';
import { useLocation } from 'react-router-dom';
import { auditEntry, renderWithAuditApi } from '../../__testUtils__';
import { AuditPage } from './AuditPage';

jest.mock('@internal/plugin-api-react', () => ({
  ...jest.requireActual('@internal/plugin-api-react'),
  downloadBlob: jest.fn(),
}));

const newest = auditEntry();
const failed = auditEntry({
  id: '41',
  timestamp: '2025-01-31T11:00:00.000Z',
  actor: { ref: 'user:default/vera', type: 'user' },
  plugin: 'rbac',
  eventId: 'rbac-role-change',
  action: 'add-member',
  target: 'role:admin',
  outcome: 'failed',
  severity: 'critical',
  error: 'NotAllowedError: nope',
});
const older = auditEntry({ id: '40', eventId: 'infra-plan', target: 'req-9' });

function apiWith(overrides: object = {}) {
  return {
    getEvents: jest.fn(
      async (_query: AuditQuery): Promise<AuditResultPage> => ({
        items: [newest, failed],
      }),
    ),
    exportEvents: jest.fn(async () => new Blob(['id\n'])),
    verify: jest.fn(async () => ({ ok: true as const, checked: 3 })),
    ...overrides,
  };
}

/** Shows the page's URL query, so a test can read what the filters put there. */
const LocationSearch = () => (
  <div data-testid="search">{useLocation().search}</div>
);

async function renderPage(api: object, routeEntries = ['/audit']) {
  return renderWithAuditApi(
    <>
      <AuditPage />
      <LocationSearch />
    </>,
    api,
    { routeEntries },
  );
}

describe('AuditPage', () => {
  it('shows the entries newest first', async () => {
    const api = apiWith();
    await renderPage(api);

    expect(await screen.findByText('Audit trail')).toBeInTheDocument();
    const row = (await screen.findByText('rbac-role-change')).closest('tr')!;
    expect(within(row).getByText('user:default/vera')).toBeInTheDocument();
    expect(within(row).getByText('failed')).toBeInTheDocument();
    expect(within(row).getByText('critical')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('infra-apply')).toBeInTheDocument();
    expect(within(rows[1]).getByText('rbac-role-change')).toBeInTheDocument();
    expect(api.getEvents).toHaveBeenCalledWith({ limit: 50 });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('reads its filters from the URL', async () => {
    const api = apiWith();
    await renderPage(api, ['/audit?plugin=rbac&outcome=failed']);
    await screen.findByText('rbac-role-change');
    expect(api.getEvents).toHaveBeenCalledWith({
      plugin: 'rbac',
      outcome: 'failed',
      limit: 50,
    });
    expect(screen.getByRole('textbox', { name: 'Plugin' })).toHaveValue('rbac');
  });

  it('sends the filters to the api and keeps them in the URL', async () => {
    const api = apiWith();
    await renderPage(api);
    await screen.findByText('rbac-role-change');

    await userEvent.click(screen.getByRole('textbox', { name: 'Actor' }));
    await userEvent.paste('user:default/vera');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Text in meta' }),
      'admin',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Outcome Any' }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('failed'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Severity Any' }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('critical'),
    );
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2025-01-30T08:00' },
    });

    const from = new Date('2025-01-30T08:00').toISOString();
    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith({
        actor: 'user:default/vera',
        text: 'admin',
        outcome: 'failed',
        severity: 'critical',
        from,
        limit: 50,
      }),
    );
    const search = new URLSearchParams(
      screen.getByTestId('search').textContent!,
    );
    expect(Object.fromEntries(search)).toEqual({
      actor: 'user:default/vera',
      text: 'admin',
      outcome: 'failed',
      severity: 'critical',
      from,
    });
  }, 15_000);

  it('sets a quick time range', async () => {
    const api = apiWith();
    await renderPage(api);
    await screen.findByText('rbac-role-change');
    const before = Date.now();

    await userEvent.click(screen.getByRole('button', { name: 'Last 24 h' }));

    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith({
        from: expect.any(String),
        limit: 50,
      }),
    );
    const from = api.getEvents.mock.calls.at(-1)![0].from!;
    const ago = before - Date.parse(from);
    expect(ago).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(ago).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('shows an entry in full in a drawer', async () => {
    await renderPage(apiWith());
    await userEvent.click(await screen.findByText('rbac-role-change'));

    const drawer = await screen.findByRole('presentation');
    expect(within(drawer).getByText('#41')).toBeInTheDocument();
    expect(within(drawer).getByText('corr-1')).toBeInTheDocument();
    expect(
      within(drawer).getByText('NotAllowedError: nope'),
    ).toBeInTheDocument();
    expect(within(drawer).getByText('a'.repeat(64))).toBeInTheDocument();
    expect(within(drawer).getByText('b'.repeat(64))).toBeInTheDocument();
    // CodeSnippet loads its highlighter lazily.
    await waitFor(() => expect(drawer).toHaveTextContent('"bucket": "logs"'));
    expect(drawer).toHaveTextContent('"token": "[redacted]"');

    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByText('#41')).not.toBeInTheDocument(),
    );
  });

  it('opens an entry from the keyboard too', async () => {
    await renderPage(apiWith());
    const row = (await screen.findByText('rbac-role-change')).closest('tr')!;
    row.focus();
    await userEvent.keyboard('{Enter}');

    const drawer = await screen.findByRole('presentation');
    expect(within(drawer).getByText('#41')).toBeInTheDocument();
  });

  it('loads the next entries with the cursor', async () => {
    const getEvents = jest
      .fn()
      .mockResolvedValueOnce({ items: [newest, failed], nextCursor: 'c-41' })
      .mockResolvedValueOnce({ items: [older] });
    await renderPage(apiWith({ getEvents }), ['/audit?plugin=infra']);
    await screen.findByText('rbac-role-change');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('infra-plan')).toBeInTheDocument();
    expect(getEvents).toHaveBeenLastCalledWith({
      plugin: 'infra',
      cursor: 'c-41',
      limit: 50,
    });
    expect(screen.getByText('rbac-role-change')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('exports as CSV and as NDJSON with the current filters', async () => {
    const api = apiWith();
    await renderPage(api, ['/audit?severity=high&actor=user%3Adefault%2Fdev']);
    await screen.findByText('rbac-role-change');

    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'CSV' }));
    await waitFor(() =>
      expect(downloadBlob).toHaveBeenCalledWith(
        expect.any(Blob),
        'audit-trail.csv',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'NDJSON' }));
    await waitFor(() =>
      expect(downloadBlob).toHaveBeenCalledWith(
        expect.any(Blob),
        'audit-trail.ndjson',
      ),
    );
    const filters = { actor: 'user:default/dev', severity: 'high' };
    expect(api.exportEvents).toHaveBeenCalledWith(filters, 'csv');
    expect(api.exportEvents).toHaveBeenCalledWith(filters, 'ndjson');
  });

  it('says the chain is intact', async () => {
    await renderPage(apiWith());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Verify chain' }),
    );
    expect(
      await screen.findByText('Chain intact: 3 entries checked'),
    ).toBeInTheDocument();
  });

  it('says where the chain breaks', async () => {
    await renderPage(
      apiWith({
        verify: async () => ({
          ok: false,
          checked: 12,
          firstBroken: { id: '7', reason: 'hash does not match its content' },
        }),
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Verify chain' }),
    );
    expect(
      await screen.findByText(
        'Broken at entry #7: hash does not match its content',
      ),
    ).toBeInTheDocument();
  });

  it('says so when no entry matches', async () => {
    await renderPage(apiWith({ getEvents: async () => ({ items: [] }) }));
    expect(
      await screen.findByText('No entries match these filters'),
    ).toBeInTheDocument();
  });

  it('shows the denial of a non-admin', async () => {
    const { NotAllowedError } = jest.requireActual('@backstage/errors');
    await renderPage(
      apiWith({
        getEvents: async () => {
          throw new NotAllowedError(
            'You are not allowed to do this: Reading the audit trail needs audit.event.read',
          );
        },
      }),
    );
    expect(
      (await screen.findAllByText(/Reading the audit trail needs/)).length,
    ).toBeGreaterThan(0);
  });
});
