import { useState } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import {
  ACCESS_REQUEST_STATUSES,
  AccessRequestStatus,
} from '@internal/plugin-access-requests-common';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { Box, Button, TextField } from '@material-ui/core';
import { useAccessRequestList } from '../../hooks/useAccessRequestList';
import { useAccessTargets } from '../../hooks/useAccessTargets';
import { accessRequestStatusLabels } from '../AccessRequestStatusChip';
import { AccessRequestTable } from '../AccessRequestTable';
import { RevokeGrantButton } from '../RevokeGrantButton';

/** "All grants": everyone's requests and grants, by status, with Revoke on the active ones. */
export const AllGrantsView = () => {
  const [status, setStatus] = useState<AccessRequestStatus | ''>('');
  const { titles } = useAccessTargets();
  const list = useAccessRequestList({
    scope: 'all',
    status: status || undefined,
  });

  let table;
  if (list.loading && !list.items) {
    table = <Progress />;
  } else if (list.error) {
    table = (
      <BackendErrorPanel error={list.error} title="Could not load the grants" />
    );
  } else if (!list.items?.length) {
    table = (
      <EmptyState
        missing="data"
        title={
          status
            ? `No ${accessRequestStatusLabels[status].toLocaleLowerCase(
                'en-US',
              )} requests`
            : 'Nobody has asked for access yet'
        }
      />
    );
  } else {
    table = (
      <>
        <AccessRequestTable
          title="All grants"
          items={list.items}
          titles={titles}
          showRequester
          actions={request => (
            <RevokeGrantButton
              request={request}
              title={titles.get(request.targetId)}
              onRevoked={list.update}
            />
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
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box maxWidth={320}>
        <TextField
          id="access-requests-status-filter"
          select
          label="Status"
          variant="outlined"
          size="small"
          fullWidth
          value={status}
          onChange={e => setStatus(e.target.value as AccessRequestStatus | '')}
          SelectProps={{ native: true }}
          // "All statuses" is a value like the others: the label stays above it.
          InputLabelProps={{ shrink: true }}
        >
          <option value="">All statuses</option>
          {ACCESS_REQUEST_STATUSES.map(s => (
            <option key={s} value={s}>
              {accessRequestStatusLabels[s]}
            </option>
          ))}
        </TextField>
      </Box>
      {table}
    </Box>
  );
};
