import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { AsyncListCard, useSignalReload } from '@internal/plugin-api-react';
import { INFRA_SIGNAL_CHANNEL } from '@internal/plugin-infra-common';
import { ListItemText } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../../api/InfraApi';
import { catalogResourcePath } from '../../links';
import { rootRouteRef } from '../../routes';

/** Home page card: the latest resources my groups own, linked to their catalog pages. */
export const MyInfrastructureCard = ({ limit = 5 }: { limit?: number }) => {
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = useAsyncRetry(
    () => api.listResources({ mine: true, limit }),
    [api, limit],
  );
  // An apply or a destroy that finishes changes this list.
  useSignalReload(INFRA_SIGNAL_CHANNEL, state.retry);

  return (
    <AsyncListCard
      title="My infrastructure"
      deepLink={{ title: 'All my infrastructure', link: root }}
      state={state}
      emptyText="Your groups own no provisioned resources"
      itemKey={resource => resource.id}
      renderItem={resource => (
        <ListItemText
          primary={
            <Link to={catalogResourcePath(resource.name)}>{resource.name}</Link>
          }
          secondary={`${resource.kind} in ${resource.environment}, ${resource.status}`}
        />
      )}
    />
  );
};
