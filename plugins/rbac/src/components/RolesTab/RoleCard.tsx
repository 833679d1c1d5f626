import { InfoCard } from '@backstage/core-components';
import { RoleView } from '@internal/plugin-rbac-common';
import { Box, Chip, Typography } from '@material-ui/core';
import { GrantsTable } from './GrantsTable';
import { MembersList } from './MembersList';
import { usersText } from './usersText';

/** One role: its description, template tags, members and grants. */
export const RoleCard = ({ role }: { role: RoleView }) => (
  <InfoCard title={role.name} subheader={role.description}>
    <Typography variant="h6">Templates</Typography>
    <Box mb={2} display="flex" flexWrap="wrap" gridGap={8}>
      {role.templates.length ? (
        role.templates.map(tag => (
          <Chip
            key={tag}
            size="small"
            label={tag === '*' ? 'every template' : tag}
          />
        ))
      ) : (
        <Typography variant="body2" color="textSecondary">
          No templates.
        </Typography>
      )}
    </Box>
    <Typography variant="h6">Members ({usersText(role.userCount)})</Typography>
    <Box mb={2}>
      <MembersList members={role.members} />
    </Box>
    <Typography variant="h6">Grants</Typography>
    <GrantsTable grants={role.grants} />
  </InfoCard>
);
