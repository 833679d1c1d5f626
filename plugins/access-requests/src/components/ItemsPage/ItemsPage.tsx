import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel, errorMessageOf } from '@internal/plugin-api-react';
import { AccessRequestsItem } from '@internal/plugin-access-requests-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { accessRequestsApiRef } from '../../api/AccessRequestsApi';

const tableOptions = { paging: false, search: false };

/** The access-requests items, newest first, with a way to ask for a draft to be published. */
export const ItemsPage = () => {
  const api = useApi(accessRequestsApiRef);
  const [actionError, setActionError] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listItems({ limit: 50 }),
    [api],
  );

  const requestPublish = async (item: AccessRequestsItem) => {
    setActionError(undefined);
    try {
      await api.requestPublish(item.id);
    } catch (e) {
      setActionError(errorMessageOf(e));
    }
    retry();
  };

  const columns: TableColumn<AccessRequestsItem>[] = [
    { title: 'Title', field: 'title' },
    { title: 'Status', field: 'status' },
    { title: 'Created by', field: 'createdBy' },
    { title: 'Created', field: 'createdAt', type: 'datetime' },
    {
      title: 'Actions',
      render: item =>
        item.status === 'draft' ? (
          <Button size="small" onClick={() => requestPublish(item)}>
            Ask to publish
          </Button>
        ) : null,
    },
  ];

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <BackendErrorPanel error={error} title="Could not load items" />;
  } else if (!value?.items.length) {
    body = (
      <EmptyState
        missing="data"
        title="No items yet"
        description="Items created through the access-requests API show up here."
      />
    );
  } else {
    body = (
      <Table<AccessRequestsItem>
        title="Items"
        subtitle={actionError}
        columns={columns}
        data={value.items}
        options={tableOptions}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header title="AccessRequests" subtitle="Items of the access-requests plugin" />
      <Content>{body}</Content>
    </Page>
  );
};
