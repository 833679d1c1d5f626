import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { auditEntry, renderWithAuditApi } from '../../__testUtils__';
import { EntityAuditActivityCard } from './EntityAuditActivityCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/team-payments' },
};

const renderCard = (getActivity: jest.Mock) =>
  renderWithAuditApi(
    <EntityProvider entity={entity}>
      <EntityAuditActivityCard />
    </EntityProvider>,
    { getActivity },
  );

describe('EntityAuditActivityCard', () => {
  it("shows the entity's activity newest first, a page at a time", async () => {
    const getActivity = jest.fn(
      async (_ref: string, page: { cursor?: string }) =>
        page.cursor
          ? {
              items: [
                auditEntry({
                  id: '1',
                  eventId: 'entity-mutate',
                  action: 'create',
                }),
              ],
            }
          : {
              items: [
                auditEntry({
                  id: '2',
                  eventId: 'entity-mutate',
                  action: 'refresh',
                  actor: { ref: 'user:default/dana', type: 'user' },
                }),
              ],
              nextCursor: 'older',
            },
    );
    await renderCard(getActivity);
    expect(await screen.findByText('refresh the entity')).toBeInTheDocument();
    expect(screen.getByText('dana')).toBeInTheDocument();
    expect(getActivity).toHaveBeenCalledWith('component:default/payments', {
      cursor: undefined,
      limit: 10,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    expect(await screen.findByText('create the entity')).toBeInTheDocument();
  });

  it('says so when nothing is recorded', async () => {
    await renderCard(jest.fn(async () => ({ items: [] })));
    expect(
      await screen.findByText('Nothing recorded about this entity yet.'),
    ).toBeInTheDocument();
  });

  it('shows no card to someone the backend refuses', async () => {
    const getActivity = jest.fn(async () => {
      throw new NotAllowedError('Reading the activity needs audit.event.read');
    });
    await renderCard(getActivity);
    await waitFor(() => expect(screen.queryByTestId('progress')).toBeNull());
    expect(getActivity).toHaveBeenCalled();
    expect(screen.queryByText('Activity')).toBeNull();
    expect(screen.queryByText(/audit\.event\.read/)).toBeNull();
  });

  it('shows any other failure', async () => {
    await renderCard(
      jest.fn(async () => {
        throw new Error('The audit database is down');
      }),
    );
    expect(
      await screen.findByText(/The audit database is down/),
    ).toBeInTheDocument();
  });
});
