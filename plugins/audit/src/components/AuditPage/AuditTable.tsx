import { Table, TableColumn } from '@backstage/core-components';
import { AuditEntry } from '@internal/plugin-audit-common';
import { Box, Button, Typography } from '@material-ui/core';
import { EntryTime } from './EntryTime';
import { OutcomeChip } from './OutcomeChip';

const columns: TableColumn<AuditEntry>[] = [
  {
    title: 'Time',
    field: 'timestamp',
    render: entry => <EntryTime timestamp={entry.timestamp} />,
  },
  {
    title: 'Actor',
    field: 'actor.ref',
    render: entry => entry.actor.ref ?? entry.actor.type,
  },
  { title: 'Plugin', field: 'plugin' },
  { title: 'Event id', field: 'eventId' },
  { title: 'Action', field: 'action' },
  { title: 'Target', field: 'target' },
  {
    title: 'Outcome',
    field: 'outcome',
    render: entry => <OutcomeChip outcome={entry.outcome} />,
  },
  { title: 'Severity', field: 'severity' },
];

/** The entries loaded so far, newest first; the next page comes from the cursor. */
export const AuditTable = ({
  entries,
  hasMore,
  loadingMore,
  onLoadMore,
  onSelect,
}: {
  entries: AuditEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onSelect: (entry: AuditEntry) => void;
}) => (
  <>
    <Table<AuditEntry>
      title="Entries"
      columns={columns}
      data={entries}
      onRowClick={(_event, entry) => entry && onSelect(entry)}
      options={{
        paging: false,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography>No entries match these filters</Typography>
        </Box>
      }
    />
    {hasMore && (
      <Box display="flex" justifyContent="center" mt={2}>
        <Button variant="outlined" disabled={loadingMore} onClick={onLoadMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </Button>
      </Box>
    )}
  </>
);
