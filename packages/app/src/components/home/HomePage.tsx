import { PropsWithChildren } from 'react';
import { Content, Header, Page } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  configApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  HomePageRecentlyVisited,
  HomePageStarredEntities,
  HomePageToolkit,
} from '@backstage/plugin-home';
import { usePermission } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { WaitingForMyApprovalCard } from '@internal/plugin-approvals';
import {
  MyInfrastructureCard,
  MyOpenRequestsCard,
  useCanRequestInfrastructure,
} from '@internal/plugin-infra';
import { Grid } from '@material-ui/core';
import CategoryIcon from '@material-ui/icons/Category';
import CreateComponentIcon from '@material-ui/icons/AddCircleOutline';
import SearchIcon from '@material-ui/icons/Search';
import useAsync from 'react-use/esm/useAsync';
import { AnnouncementsCard } from './AnnouncementsCard';

/** A card's cell in the grid, a named region so assistive technology can jump to it. */
const Section = ({
  label,
  md = 6,
  children,
}: PropsWithChildren<{ label: string; md?: 4 | 6 }>) => (
  <Grid item xs={12} md={md} component="section" aria-label={label}>
    {children}
  </Grid>
);

/** Gantry's landing page: what waits for me, what I asked for and own, and the news. */
export const HomePage = () => {
  const identityApi = useApi(identityApiRef);
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Gantry';
  // Greeted by the catalog's name for the user ("Dana Developer"), not the sign-in id.
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [],
  );
  // Templates are offered only to those the permission policy lets run them.
  const { allowed: canCreate } = usePermission({
    permission: taskCreatePermission,
  });
  // Requests and resources of one's own exist only for those who may request infrastructure.
  const { allowed: canRequestInfra } = useCanRequestInfrastructure();

  const tools = [
    { label: 'Catalog', url: '/catalog', icon: <CategoryIcon /> },
    ...(canCreate
      ? [{ label: 'Create...', url: '/create', icon: <CreateComponentIcon /> }]
      : []),
    { label: 'Search', url: '/search', icon: <SearchIcon /> },
  ];

  return (
    <Page themeId="home">
      <Header
        title={
          <>
            Welcome
            {identity && (
              <>
                ,{' '}
                <EntityDisplayName
                  entityRef={identity.userEntityRef}
                  hideIcon
                  disableTooltip
                />
              </>
            )}
          </>
        }
        pageTitleOverride="Home"
        subtitle={`${orgName}: one portal for every ops domain`}
      />
      <Content>
        <Grid container spacing={3} alignItems="stretch">
          <Section label="Waiting for my approval">
            <WaitingForMyApprovalCard />
          </Section>
          {canRequestInfra && (
            <Section label="My open requests">
              <MyOpenRequestsCard />
            </Section>
          )}
          {canRequestInfra && (
            <Section label="My infrastructure">
              <MyInfrastructureCard />
            </Section>
          )}
          <Section label="Announcements">
            <AnnouncementsCard />
          </Section>
          <Section label="Starred entities" md={4}>
            <HomePageStarredEntities title="Starred entities" />
          </Section>
          <Section label="Recently visited" md={4}>
            <HomePageRecentlyVisited title="Recently visited" />
          </Section>
          <Section label="Shortcuts" md={4}>
            <HomePageToolkit title="Shortcuts" tools={tools} />
          </Section>
        </Grid>
      </Content>
    </Page>
  );
};
