import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { rbacApiRef } from '../../api/RbacApi';
import { AddMemberForm } from './AddMemberForm';

const HowRolesChange = () => (
  <InfoCard title="Roles live in the config">
    <Typography paragraph>
      Roles are not edited on this page. They are edited in{' '}
      <code>app-config.yaml</code> under <code>gantry.rbac</code>. Save the file
      and the new roles take effect within seconds, without a restart; the
      backend log says <code>Roles reloaded: N roles</code>.
    </Typography>
    <Typography paragraph>
      A block that does not validate (an unknown key, a member that is not a
      full ref, a conditional grant without a condition) is refused: the log
      says why, and the last good roles stay in force.
    </Typography>
    <Typography>
      A user holds a role when it lists them, one of their groups, or a group
      above one of their groups. To take something away, take the role away.
    </Typography>
  </InfoCard>
);

/** How to change roles, and the snippet that adds a user or group to one. */
export const ChangingRolesTab = () => {
  const api = useApi(rbacApiRef);
  const {
    value: roles,
    loading,
    error,
  } = useAsync(() => api.getRoles(), [api]);

  let form;
  if (loading) form = <Progress />;
  else if (error) form = <BackendErrorPanel error={error} />;
  else if (!roles?.length) {
    form = (
      <EmptyState
        missing="data"
        title="No roles are configured"
        description="Add a role under gantry.rbac in app-config.yaml first."
      />
    );
  } else form = <AddMemberForm roles={roles} />;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <HowRolesChange />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Add a user or group to a role">{form}</InfoCard>
      </Grid>
    </Grid>
  );
};
