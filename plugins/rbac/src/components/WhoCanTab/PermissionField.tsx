import { PermissionInfo } from '@internal/plugin-rbac-common';
import { TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';

/** Picks one permission, grouped by the plugin that declares it. */
export const PermissionField = ({
  permissions,
  value,
  onChange,
}: {
  permissions: PermissionInfo[];
  value?: PermissionInfo;
  onChange: (permission?: PermissionInfo) => void;
}) => (
  <Autocomplete<PermissionInfo>
    options={permissions}
    groupBy={permission => permission.pluginId}
    getOptionLabel={permission => permission.name}
    getOptionSelected={(option, selected) => option.name === selected.name}
    value={value ?? null}
    onChange={(_event, permission) => onChange(permission ?? undefined)}
    renderInput={params => (
      <TextField
        {...params}
        label="Permission"
        placeholder="infra.request.read"
        variant="outlined"
      />
    )}
  />
);
