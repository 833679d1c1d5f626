import { Routes, Route } from 'react-router-dom';
import { Content, Header, HeaderTabs, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useNavigate } from 'react-router-dom';
import { RequestTable } from '../RequestTable';
import { DetailsRenderers, RequestPage } from '../RequestPage';
import { rootRouteRef } from '../../routes';

const tabs = [
  { id: '', label: 'Waiting for me' },
  { id: 'mine', label: 'My requests' },
];

const ListPage = ({ tab }: { tab: '' | 'mine' }) => {
  const root = useRouteRef(rootRouteRef)();
  const navigate = useNavigate();
  return (
    <Page themeId="tool">
      <Header title="Approvals" subtitle="Requests waiting for a decision" />
      <HeaderTabs
        tabs={tabs}
        selectedIndex={tab === 'mine' ? 1 : 0}
        onChange={index => navigate(`${root}/${tabs[index].id}`)}
      />
      <Content>
        {tab === 'mine' ? (
          <RequestTable
            title="My requests"
            query={{ mine: true }}
            emptyTitle="You have not asked for anything yet"
          />
        ) : (
          <RequestTable
            title="Waiting for my approval"
            query={{ assignedToMe: true, status: ['pending'] }}
            emptyTitle="Nothing waiting for you"
          />
        )}
      </Content>
    </Page>
  );
};

/** The approvals pages: the inbox, my requests, and a request's page. */
export const ApprovalsPage = ({
  detailsRenderers,
}: {
  detailsRenderers?: DetailsRenderers;
}) => {
  return (
    <Routes>
      <Route path="/" element={<ListPage tab="" />} />
      <Route path="/mine" element={<ListPage tab="mine" />} />
      <Route
        path="/requests/:id"
        element={<RequestPage detailsRenderers={detailsRenderers} />}
      />
    </Routes>
  );
};
