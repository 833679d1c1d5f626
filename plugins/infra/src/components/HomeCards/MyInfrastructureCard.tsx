import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { BackendErrorPanel, useSignalReload } from '@internal/plugin-api-react';
import { INFRA_SIGNAL_CHANNEL } from '@internal/plugin-infra-common';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
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

  let content;
  if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = <BackendErrorPanel error={state.error} />;
  } else if (!state.value?.items.length) {
    content = <Typography>Your groups own no provisioned resources</Typography>;
  } else {
    content = (
      <List dense disablePadding>
        {state.value.items.map(resource => (
          <ListItem key={resource.id} disableGutters>
            <ListItemText
              primary={
                <Link to={catalogResourcePath(resource.name)}>
                  {resource.name}
                </Link>
              }
              secondary={`${resource.kind} in ${resource.environment}, ${resource.status}`}
            />
          </ListItem>
        ))}
      </List>
    );
  }

  return (
    <InfoCard
      title="My infrastructure"
      deepLink={{ title: 'All my infrastructure', link: root }}
    >
      {content}
    </InfoCard>
  );
};
