import { EmptyState, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { accessRequestCreatePermission } from '@internal/plugin-access-requests-common';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { Button, Grid } from '@material-ui/core';
import { useAccessRequestList } from '../../hooks/useAccessRequestList';
import { useAccessTargets } from '../../hooks/useAccessTargets';
import { AccessRequestTable } from '../AccessRequestTable';
import { AskForAccessCard } from '../AskForAccessCard';
import { CancelRequestButton } from '../CancelRequestButton';

/** "My access": the form to ask for access, and my requests with their grants. */
export const MyAccessView = () => {
  const canAsk = usePermission({ permission: accessRequestCreatePermission });
  const targets = useAccessTargets();
  const list = useAccessRequestList({ scope: 'mine' });

  let form;
  if (!canAsk.allowed) {
    form = null;
  } else if (targets.loading) {
    form = <Progress />;
  } else if (targets.error) {
    form = (
      <BackendErrorPanel
        error={targets.error}
        title="Could not load what may be asked for"
      />
    );
  } else {
    form = (
      <AskForAccessCard
        targets={targets.targets ?? []}
        onCreated={list.retry}
      />
    );
  }

  let table;
  if (list.loading && !list.items) {
    table = <Progress />;
  } else if (list.error) {
    table = (
      <BackendErrorPanel
        error={list.error}
        title="Could not load your requests"
      />
    );
  } else if (!list.items?.length) {
    table = (
      <EmptyState
        missing="data"
        title="You have not asked for access yet"
        description="What you ask for shows up here, with its approval and, once granted, when it ends."
      />
    );
  } else {
    table = (
      <>
        <AccessRequestTable
          title="My access"
          items={list.items}
          titles={targets.titles}
          actions={request => (
            <CancelRequestButton request={request} onCancelled={list.update} />
          )}
        />
        {list.more && (
          <Button variant="outlined" onClick={list.loadMore}>
            Load more
          </Button>
        )}
      </>
    );
  }

  return (
    <Grid container spacing={3}>
      {form && (
        <Grid item xs={12} md={8} lg={6}>
          {form}
        </Grid>
      )}
      <Grid item xs={12}>
        {table}
      </Grid>
    </Grid>
  );
};
