import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import StorageIcon from '@material-ui/icons/Storage';
import { GantryRequestResultListItem } from './GantryRequestResultListItem';

describe('GantryRequestResultListItem', () => {
  it('links the request by name and says what it is and where it stands', async () => {
    await renderInTestApp(
      <ul>
        <GantryRequestResultListItem
          result={{
            title: 'receipts-archive',
            text: 'Request to create the s3-bucket receipts-archive in sandbox',
            location: '/infra/requests/abc',
            kind: 's3-bucket',
            environment: 'sandbox',
            statusLabel: 'Awaiting approval',
          }}
          label="Infrastructure request"
          icon={<StorageIcon />}
        />
      </ul>,
    );
    expect(
      screen.getByRole('link', { name: 'receipts-archive' }),
    ).toHaveAttribute('href', '/infra/requests/abc');
    expect(screen.getByText('Infrastructure request')).toBeInTheDocument();
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.getByText('sandbox')).toBeInTheDocument();
  });

  it('shows the highlighted text the search engine returns', async () => {
    await renderInTestApp(
      <ul>
        <GantryRequestResultListItem
          result={{
            title: 'Create s3-bucket receipts (sandbox)',
            text: 'A bucket for receipts',
            location: '/approvals/requests/xyz',
          }}
          label="Approval request"
          icon={<StorageIcon />}
          highlight={{
            preTag: '<em>',
            postTag: '</em>',
            fields: { text: 'A bucket for <em>receipts</em>' },
          }}
        />
      </ul>,
    );
    expect(screen.getByText('receipts', { selector: 'mark' })).toBeVisible();
    expect(screen.getByText('Approval request')).toBeInTheDocument();
  });
});
