import { useState } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { PermissionInfo } from '@internal/plugin-rbac-common';
import { Checkbox, FormControlLabel, Grid, TextField } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { rbacApiRef } from '../../api/RbacApi';
import { PermissionField } from './PermissionField';
import { WhoCanResult } from './WhoCanResult';

/** "Who can do P on E?": a permission, an optional resource, and the users. */
export const WhoCanTab = () => {
  const api = useApi(rbacApiRef);
  const permissions = useAsync(() => api.getPermissions(), [api]);
  const [permission, setPermission] = useState<PermissionInfo>();
  const [resourceText, setResourceText] = useState('');
  const [resourceRef, setResourceRef] = useState('');
  const [all, setAll] = useState(false);
  useDebounce(() => setResourceRef(resourceText.trim()), 400, [resourceText]);

  if (permissions.loading) return <Progress />;
  if (permissions.error) return <BackendErrorPanel error={permissions.error} />;
  if (!permissions.value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No permissions are declared"
        description="None of the installed plugins declares a permission."
      />
    );
  }
  const isResource = permission?.type === 'resource';
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <PermissionField
          permissions={permissions.value}
          value={permission}
          onChange={setPermission}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <TextField
          id="rbac-who-can-resource"
          fullWidth
          variant="outlined"
          label="Resource (optional)"
          placeholder="component:default/payments-api"
          disabled={!isResource}
          value={resourceText}
          onChange={event => setResourceText(event.target.value)}
          helperText={
            isResource
              ? `A ${
                  permission?.resourceType ?? 'resource'
                }: an entity ref or request id`
              : 'Only for a resource permission'
          }
        />
      </Grid>
      <Grid item xs={12} md={2}>
        <FormControlLabel
          control={
            <Checkbox
              checked={all}
              onChange={event => setAll(event.target.checked)}
            />
          }
          label="Show denied users too"
        />
      </Grid>
      <Grid item xs={12}>
        {permission ? (
          <WhoCanResult
            query={{
              permission: permission.name,
              resourceRef: isResource && resourceRef ? resourceRef : undefined,
              all,
            }}
          />
        ) : (
          <EmptyState
            missing="info"
            title="Who can do this?"
            description="Choose a permission, and for a resource permission a resource, to see who may do it and through which roles."
          />
        )}
      </Grid>
    </Grid>
  );
};
