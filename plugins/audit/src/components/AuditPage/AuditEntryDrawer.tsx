import { CodeSnippet } from '@backstage/core-components';
import { AuditEntry } from '@internal/plugin-audit-common';
import {
  Box,
  Drawer,
  IconButton,
  makeStyles,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { ReactNode } from 'react';
import { EntryTime } from './EntryTime';
import { OutcomeChip } from './OutcomeChip';

const useStyles = makeStyles(theme => ({
  paper: { width: 640, maxWidth: '100%', padding: theme.spacing(3) },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(1, 2),
    margin: theme.spacing(2, 0),
  },
  value: { wordBreak: 'break-all' },
}));

/** One entry, all of it as stored (meta already redacted), with its place in the chain. */
export const AuditEntryDrawer = ({
  entry,
  onClose,
}: {
  entry?: AuditEntry;
  onClose: () => void;
}) => {
  const classes = useStyles();
  const rows: [string, ReactNode][] = entry
    ? [
        ['Entry', `#${entry.id}`],
        ['Time', <EntryTime timestamp={entry.timestamp} />],
        ['Actor', entry.actor.ref ?? '(nobody signed in)'],
        ['Actor type', entry.actor.type],
        ['IP', entry.actor.ip],
        ['User agent', entry.actor.userAgent],
        ['Plugin', entry.plugin],
        ['Event id', entry.eventId],
        ['Action', entry.action],
        ['Target', entry.target],
        ['Outcome', <OutcomeChip outcome={entry.outcome} />],
        ['Error', entry.error],
        ['Severity', entry.severity],
        ['Correlation id', entry.correlationId],
        ['Hash', entry.hash],
        ['Previous hash', entry.prevHash],
      ]
    : [];
  return (
    <Drawer
      anchor="right"
      open={Boolean(entry)}
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      {entry && (
        <>
          <Box display="flex" alignItems="center">
            <Box flexGrow={1}>
              <Typography variant="h5">
                {entry.plugin} / {entry.eventId}
              </Typography>
            </Box>
            <IconButton aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>
          <div className={classes.fields}>
            {rows
              .filter(([, value]) => value !== undefined && value !== '')
              .map(([label, value]) => (
                <Box key={label} display="contents">
                  <Typography variant="body2" color="textSecondary">
                    {label}
                  </Typography>
                  <Typography
                    variant="body2"
                    component="div"
                    className={classes.value}
                  >
                    {value}
                  </Typography>
                </Box>
              ))}
          </div>
          <Typography variant="h6">Meta</Typography>
          <CodeSnippet
            language="json"
            text={JSON.stringify(entry.meta, null, 2)}
            showCopyCodeButton
          />
        </>
      )}
    </Drawer>
  );
};
