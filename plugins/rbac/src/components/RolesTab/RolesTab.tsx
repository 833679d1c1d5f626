import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { Grid } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { rbacApiRef } from '../../api/RbacApi';
import { RoleCard } from './RoleCard';

/** Every role: who holds it and what it grants. */
export const RolesTab = () => {
  const api = useApi(rbacApiRef);
  const {
    value: roles,
    loading,
    error,
  } = useAsync(() => api.getRoles(), [api]);

  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!roles?.length) {
    return (
      <EmptyState
        missing="data"
        title="No roles are configured"
        description="Nobody may do anything until gantry.rbac in app-config.yaml defines a role."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {roles.map(role => (
        <Grid item xs={12} key={role.name}>
          <RoleCard role={role} />
        </Grid>
      ))}
    </Grid>
  );
};
