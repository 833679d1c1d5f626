import { ApprovalHistoryEntry } from '@internal/plugin-approvals-common';
import { List, ListItem, ListItemText } from '@material-ui/core';
import { EntityName } from '../EntityName';

const describe: Record<ApprovalHistoryEntry['type'], string> = {
  created: 'asked for approval',
  approve: 'approved',
  reject: 'rejected',
  cancelled: 'cancelled the request',
  expired: 'The request expired',
  approved: 'Enough approvals: the request is approved',
  executing: 'started carrying it out',
  completed: 'finished carrying it out',
  failed: 'reported that carrying it out failed',
};

/** The decision history of a request, oldest first. */
export const RequestHistory = ({
  history,
}: {
  history: ApprovalHistoryEntry[];
}) => (
  <List dense>
    {history.map((entry, i) => (
      <ListItem key={i} disableGutters>
        <ListItemText
          primary={
            entry.actorRef ? (
              <>
                <EntityName entityRef={entry.actorRef} /> {describe[entry.type]}
              </>
            ) : (
              describe[entry.type]
            )
          }
          secondary={[new Date(entry.createdAt).toLocaleString(), entry.comment]
            .filter(Boolean)
            .join(' — ')}
        />
      </ListItem>
    ))}
  </List>
);
