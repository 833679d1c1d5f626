import { PermissionInfo, RoleView } from '@internal/plugin-rbac-common';
import { Grid, MenuItem, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';

/** What the filters hold before the user text is debounced into `q`. */
export type MatrixFilterValues = {
  userText: string;
  role: string;
  permissions: string[];
};

/** The matrix's filters: user text, role and permissions. */
export const MatrixFilters = ({
  roles,
  permissions,
  value,
  onChange,
}: {
  roles: RoleView[];
  permissions: PermissionInfo[];
  value: MatrixFilterValues;
  onChange: (value: MatrixFilterValues) => void;
}) => (
  <Grid container spacing={2}>
    <Grid item xs={12} md={3}>
      <TextField
        id="rbac-matrix-user"
        fullWidth
        variant="outlined"
        label="User"
        placeholder="dev"
        value={value.userText}
        onChange={event => onChange({ ...value, userText: event.target.value })}
      />
    </Grid>
    <Grid item xs={12} md={3}>
      <TextField
        id="rbac-matrix-role"
        select
        fullWidth
        variant="outlined"
        label="Role"
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        value={value.role}
        onChange={event => onChange({ ...value, role: event.target.value })}
      >
        <MenuItem value="">Any role</MenuItem>
        {roles.map(role => (
          <MenuItem key={role.name} value={role.name}>
            {role.name}
          </MenuItem>
        ))}
      </TextField>
    </Grid>
    <Grid item xs={12} md={6}>
      <Autocomplete<string, true>
        multiple
        options={permissions.map(permission => permission.name)}
        value={value.permissions}
        onChange={(_event, names) => onChange({ ...value, permissions: names })}
        renderInput={params => (
          <TextField
            {...params}
            variant="outlined"
            label="Permissions"
            placeholder={value.permissions.length ? '' : 'All permissions'}
          />
        )}
      />
    </Grid>
  </Grid>
);
