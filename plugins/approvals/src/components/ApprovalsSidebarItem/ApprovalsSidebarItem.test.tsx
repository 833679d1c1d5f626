import { act, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { SidebarOpenStateProvider } from '@backstage/core-components';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';
import { MockSignalApi } from '@internal/plugin-api-react/testUtils';
import { ApprovalsApi, approvalsApiRef } from '../../api/ApprovalsApi';
import { ApprovalsSidebarItem } from './ApprovalsSidebarItem';

async function renderItem(getSummary: ApprovalsApi['getSummary']) {
  const signals = new MockSignalApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [approvalsApiRef, { getSummary }],
        [signalApiRef, signals],
      ]}
    >
      {/* An unfolded sidebar, which shows the labels */}
      <SidebarOpenStateProvider value={{ isOpen: true, setOpen: () => {} }}>
        <ApprovalsSidebarItem />
      </SidebarOpenStateProvider>
    </TestApiProvider>,
  );
  return signals;
}

describe('ApprovalsSidebarItem', () => {
  it('counts what waits for my decision beside the label, and follows the signals', async () => {
    const getSummary = jest
      .fn()
      .mockResolvedValueOnce({ pendingAssignedToMe: 2 })
      .mockResolvedValue({ pendingAssignedToMe: 0 });
    const signals = await renderItem(getSummary);

    const link = screen.getByRole('link', { name: /Approvals/ });
    expect(link).toHaveAttribute('href', '/approvals');
    const count = await screen.findByLabelText('Waiting for my approval');
    expect(count).toHaveTextContent('2');
    // The label stays "Approvals"; the count is not repeated in it.
    expect(screen.getByText('Approvals', { exact: true })).toBeInTheDocument();

    act(() =>
      signals.publish(APPROVALS_SIGNAL_CHANNEL, {
        requestId: 'r1',
        status: 'approved',
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByLabelText('Waiting for my approval'),
      ).not.toBeInTheDocument(),
    );
    expect(getSummary).toHaveBeenCalledTimes(2);
  });

  it('shows no count when nothing waits', async () => {
    await renderItem(async () => ({ pendingAssignedToMe: 0 }));
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Approvals' })).toBeVisible(),
    );
    expect(
      screen.queryByLabelText('Waiting for my approval'),
    ).not.toBeInTheDocument();
  });
});
