import { ApprovalHistoryEntry } from '@internal/plugin-approvals-common';
import { List, ListItem, ListItemText } from '@material-ui/core';

const describe: Record<ApprovalHistoryEntry['type'], string> = {
  created: 'asked for approval',
  approve: 'approved',
  reject: 'rejected',
  cancelled: 'cancelled the request',
  expired: 'The request expired',
  approved: 'Quorum reached: the request is approved',
  executing: 'started execution',
  completed: 'finished execution',
  failed: 'reported a failed execution',
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
          primary={[entry.actorRef, describe[entry.type]]
            .filter(Boolean)
            .join(' ')}
          secondary={[new Date(entry.createdAt).toLocaleString(), entry.comment]
            .filter(Boolean)
            .join(' — ')}
        />
      </ListItem>
    ))}
  </List>
);
