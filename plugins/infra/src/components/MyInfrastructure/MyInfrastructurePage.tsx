import { Content, Header, Page } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { TerraformHealthBanner } from '../TerraformHealthBanner';
import { MyRequestsTable } from './MyRequestsTable';
import { MyResourcesTable } from './MyResourcesTable';

/** "My infrastructure": my requests, and the resources my groups own. */
export const MyInfrastructurePage = () => (
  <Page themeId="tool">
    <Header
      title="My infrastructure"
      subtitle="Your provisioning requests and your groups' resources"
    />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <TerraformHealthBanner />
        </Grid>
        <Grid item xs={12}>
          <MyRequestsTable />
        </Grid>
        <Grid item xs={12}>
          <MyResourcesTable />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
