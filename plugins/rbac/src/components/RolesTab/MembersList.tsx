import { RoleMember } from '@internal/plugin-rbac-common';
import {
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { UserLink } from '../UserLink';
import { usersText } from './usersText';

const useStyles = makeStyles(theme => ({
  users: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0, 2),
  },
}));

/** A role's members; a group shows every user in it, nested groups expanded. */
export const MembersList = ({ members }: { members: RoleMember[] }) => {
  const classes = useStyles();
  if (members.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nobody holds this role.
      </Typography>
    );
  }
  return (
    <List dense disablePadding>
      {members.map(member =>
        member.kind === 'user' ? (
          <ListItem key={member.ref} disableGutters>
            <ListItemText primary={<UserLink userRef={member.ref} />} />
          </ListItem>
        ) : (
          <ListItem key={member.ref} disableGutters>
            <ListItemText
              primary={
                <>
                  <EntityRefLink entityRef={member.ref} hideIcon /> (
                  {usersText(member.users.length)})
                </>
              }
              secondary={
                member.users.length ? (
                  <span className={classes.users}>
                    {member.users.map(user => (
                      <UserLink key={user} userRef={user} />
                    ))}
                  </span>
                ) : (
                  'No users in this group'
                )
              }
            />
          </ListItem>
        ),
      )}
    </List>
  );
};
