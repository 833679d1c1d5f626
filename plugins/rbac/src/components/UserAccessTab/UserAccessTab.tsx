import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { Grid } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { rbacApiRef } from '../../api/RbacApi';
import { UserAccessTable } from './UserAccessTable';
import { UserRefField } from './UserRefField';

const UserAccessResult = ({ userRef }: { userRef: string }) => {
  const api = useApi(rbacApiRef);
  const { value, loading, error } = useAsync(
    () => api.getUserAccess(userRef),
    [api, userRef],
  );
  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value?.permissions.length) {
    return (
      <EmptyState
        missing="data"
        title="No permissions are declared"
        description="None of the installed plugins declares a permission."
      />
    );
  }
  return <UserAccessTable access={value} />;
};

/** "What can this user do?": the user is in the URL (`?userRef=`), so links can open it. */
export const UserAccessTab = () => {
  const [params, setParams] = useSearchParams();
  const userRef = params.get('userRef') ?? undefined;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <UserRefField
          value={userRef}
          onChange={ref => setParams({ userRef: ref })}
        />
      </Grid>
      <Grid item xs={12}>
        {userRef ? (
          <UserAccessResult userRef={userRef} />
        ) : (
          <EmptyState
            missing="info"
            title="What can this user do?"
            description="Choose a user to see every permission, the decision and the role that gave it."
          />
        )}
      </Grid>
    </Grid>
  );
};
