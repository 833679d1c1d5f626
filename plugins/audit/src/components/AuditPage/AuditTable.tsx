import { KeyboardEvent, ReactNode } from 'react';
import { AuditEntry } from '@internal/plugin-audit-common';
import {
  Box,
  Button,
  makeStyles,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EntryTime } from './EntryTime';
import { OutcomeChip } from './OutcomeChip';

type Column = {
  title: string;
  cell: (entry: AuditEntry) => ReactNode;
};

const columns: Column[] = [
  {
    title: 'Time',
    cell: entry => <EntryTime timestamp={entry.timestamp} />,
  },
  { title: 'Actor', cell: entry => entry.actor.ref ?? entry.actor.type },
  { title: 'Plugin', cell: entry => entry.plugin },
  { title: 'Event id', cell: entry => entry.eventId },
  { title: 'Action', cell: entry => entry.action ?? '' },
  { title: 'Target', cell: entry => entry.target ?? '' },
  {
    title: 'Outcome',
    cell: entry => <OutcomeChip outcome={entry.outcome} />,
  },
  { title: 'Severity', cell: entry => entry.severity },
];

const useStyles = makeStyles(theme => ({
  title: { padding: theme.spacing(2, 2, 1) },
  row: { cursor: 'pointer' },
}));

/**
 * The entries loaded so far, newest first; the next page comes from the cursor. A row opens
 * the entry in full, by click, Enter or Space. A plain Material UI table rather than
 * core-components' `Table`: the trail neither sorts nor pages in the browser, so it need not
 * mount material-table's toolbar, sorting and paging for its first entries to show.
 */
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
}) => {
  const classes = useStyles();
  const openOnKey = (entry: AuditEntry) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(entry);
    }
  };
  return (
    <>
      <Paper>
        <Typography variant="h5" component="h2" className={classes.title}>
          Entries
        </Typography>
        {entries.length === 0 ? (
          <Box p={2}>
            <Typography>No entries match these filters</Typography>
          </Box>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Audit entries">
              <TableHead>
                <TableRow>
                  {columns.map(column => (
                    <TableCell key={column.title}>{column.title}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.map(entry => (
                  <TableRow
                    key={entry.id}
                    hover
                    tabIndex={0}
                    className={classes.row}
                    onClick={() => onSelect(entry)}
                    onKeyDown={openOnKey(entry)}
                  >
                    {columns.map(column => (
                      <TableCell key={column.title}>
                        {column.cell(entry)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      {hasMore && (
        <Box display="flex" justifyContent="center" mt={2}>
          <Button
            variant="outlined"
            disabled={loadingMore}
            onClick={onLoadMore}
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </>
  );
};
