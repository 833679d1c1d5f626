import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { ChangingRolesTab } from '../ChangingRolesTab';
import { MatrixTab } from '../MatrixTab';
import { RolesTab } from '../RolesTab';
import { UserAccessTab } from '../UserAccessTab';
import { WhoCanTab } from '../WhoCanTab';

/** The access page: roles, one user's access, who can, the matrix, and how to change roles. */
export const RbacPage = () => (
  <Page themeId="tool">
    <Header
      title="Access"
      subtitle="Who holds which role, and what each role allows"
    />
    <Content>
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Roles">
          <RolesTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/user" title="User access">
          <UserAccessTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/who" title="Who can">
          <WhoCanTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/matrix" title="Matrix">
          <MatrixTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/changing" title="Changing roles">
          <ChangingRolesTab />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Content>
  </Page>
);
