import { AuditEntry } from '@internal/plugin-audit-common';
import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { AuditPhrase } from './AuditPhrase';
import {
  describeAuditActor,
  describeAuditEntry,
  timelineEntries,
} from './describeAuditEntry';

const useStyles = makeStyles(theme => ({
  failed: { color: theme.palette.error.main },
  item: { alignItems: 'flex-start' },
}));

/**
 * Audit entries as a timeline, newest first: when, who, and what they did in words. Used by
 * an entity's activity card and a request's page; the entries come from the audit trail.
 */
export const AuditTimeline = ({
  entries,
  emptyText = 'Nothing recorded yet.',
  hasMore = false,
  loadingMore = false,
  onLoadMore,
}: {
  entries: AuditEntry[];
  emptyText?: string;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
}) => {
  const classes = useStyles();
  const shown = timelineEntries(entries);
  if (shown.length === 0) {
    return <Typography color="textSecondary">{emptyText}</Typography>;
  }
  return (
    <>
      <List dense disablePadding aria-label="Audit timeline">
        {shown.map(entry => (
          <ListItem key={entry.id} disableGutters className={classes.item}>
            <ListItemText
              primary={
                <span
                  className={
                    entry.outcome === 'failed' ? classes.failed : undefined
                  }
                >
                  <strong>
                    <AuditPhrase parts={describeAuditActor(entry)} />
                  </strong>{' '}
                  <AuditPhrase parts={describeAuditEntry(entry)} />
                </span>
              }
              secondary={
                <Tooltip title={entry.timestamp}>
                  <span>{new Date(entry.timestamp).toLocaleString()}</span>
                </Tooltip>
              }
            />
          </ListItem>
        ))}
      </List>
      {hasMore && onLoadMore && (
        <Box display="flex" justifyContent="center" mt={1}>
          <Button size="small" disabled={loadingMore} onClick={onLoadMore}>
            {loadingMore ? 'Loading…' : 'Show older'}
          </Button>
        </Box>
      )}
    </>
  );
};
