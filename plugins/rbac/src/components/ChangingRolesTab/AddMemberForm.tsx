import { useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import { RoleView } from '@internal/plugin-rbac-common';
import { Grid, MenuItem, TextField, Typography } from '@material-ui/core';
import { toMemberRef } from '../../entityRefs';
import { memberSnippet } from './memberSnippet';

/** Role + member → the config snippet that adds the member to the role. */
export const AddMemberForm = ({ roles }: { roles: RoleView[] }) => {
  const [roleName, setRoleName] = useState(roles[0].name);
  const [memberText, setMemberText] = useState('');
  const role = roles.find(r => r.name === roleName) ?? roles[0];
  const memberRef = toMemberRef(memberText);
  const invalid = memberText.trim() !== '' && !memberRef;
  const alreadyMember = role.members.some(member => member.ref === memberRef);

  let helperText = 'A full user or group ref';
  if (invalid)
    helperText = 'Write the kind: user:default/dev or group:default/team-x';
  else if (alreadyMember) helperText = `Already a member of ${role.name}`;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <TextField
          id="rbac-add-member-role"
          select
          fullWidth
          variant="outlined"
          label="Role"
          value={role.name}
          onChange={event => setRoleName(event.target.value)}
        >
          {roles.map(r => (
            <MenuItem key={r.name} value={r.name}>
              {r.name}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} md={8}>
        <TextField
          id="rbac-add-member-ref"
          fullWidth
          variant="outlined"
          label="User or group to add"
          placeholder="group:default/team-x"
          value={memberText}
          error={invalid}
          helperText={helperText}
          onChange={event => setMemberText(event.target.value)}
        />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="body2" gutterBottom>
          In <code>app-config.yaml</code>, the <code>members</code> of{' '}
          <code>{role.name}</code> become:
        </Typography>
        <CodeSnippet
          language="yaml"
          showCopyCodeButton
          text={memberSnippet(role, memberRef)}
        />
      </Grid>
    </Grid>
  );
};
