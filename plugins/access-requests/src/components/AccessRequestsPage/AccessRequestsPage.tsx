import { Route, Routes, useNavigate } from 'react-router-dom';
import { Content, Header, HeaderTabs, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useMayRevokeGrants } from '../../hooks/useMayRevokeGrants';
import { rootRouteRef } from '../../routes';
import { AllGrantsView } from '../AllGrantsView';
import { MyAccessView } from '../MyAccessView';

const tabs = [
  { id: '', label: 'My access' },
  { id: 'all', label: 'All grants' },
];

const TabbedPage = ({ tab }: { tab: '' | 'all' }) => {
  const root = useRouteRef(rootRouteRef)();
  const navigate = useNavigate();
  // Everyone's grants are for those who may revoke them (admins); the server checks again.
  const canRevoke = useMayRevokeGrants();
  const visibleTabs = canRevoke ? tabs : tabs.slice(0, 1);
  const showAll = tab === 'all' && canRevoke;
  return (
    <Page themeId="tool">
      <Header
        title="Access requests"
        subtitle="Ask for a role or a group for a while; it ends on its own"
      />
      <HeaderTabs
        tabs={visibleTabs}
        selectedIndex={showAll ? 1 : 0}
        onChange={index => navigate(`${root}/${visibleTabs[index].id}`)}
      />
      <Content>{showAll ? <AllGrantsView /> : <MyAccessView />}</Content>
    </Page>
  );
};

/** The access-requests pages: my access at `/`, everyone's grants at `/all`. */
export const AccessRequestsPage = () => (
  <Routes>
    <Route path="/" element={<TabbedPage tab="" />} />
    <Route path="/all" element={<TabbedPage tab="all" />} />
  </Routes>
);
