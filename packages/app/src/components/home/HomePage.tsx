import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import {
  identityApiRef,
  configApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

const shortcuts = [
  {
    title: 'Browse the catalog',
    to: '/catalog',
    text: 'Services, systems, APIs, owners and the infrastructure you provisioned.',
  },
  {
    title: 'Launch a template',
    to: '/create',
    text: 'Request infrastructure or start something new from a template.',
  },
  {
    title: 'Search',
    to: '/search',
    text: 'Find anything in the portal.',
  },
];

/** Gantry's landing page: who you are and where to go next. */
export const HomePage = () => {
  const identityApi = useApi(identityApiRef);
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Gantry';
  const { value: profile } = useAsync(() => identityApi.getProfileInfo(), []);
  // Templates are offered only to those the permission policy lets run them.
  const { allowed: canCreate } = usePermission({
    permission: taskCreatePermission,
  });

  return (
    <Page themeId="home">
      <Header
        title={`Welcome${
          profile?.displayName ? `, ${profile.displayName}` : ''
        }`}
        subtitle={`${orgName}: one portal for every ops domain`}
      />
      <Content>
        <Grid container spacing={3}>
          {shortcuts
            .filter(shortcut => shortcut.to !== '/create' || canCreate)
            .map(shortcut => (
              <Grid item xs={12} md={4} key={shortcut.to}>
                <InfoCard title={shortcut.title}>
                  <Typography paragraph>{shortcut.text}</Typography>
                  <Link to={shortcut.to}>{shortcut.title}</Link>
                </InfoCard>
              </Grid>
            ))}
        </Grid>
      </Content>
    </Page>
  );
};
