import { ReactNode } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AccessRequest } from '@internal/plugin-access-requests-common';
import { Box, Theme, Typography, useMediaQuery } from '@material-ui/core';
import { AccessRequestStatusChip } from '../AccessRequestStatusChip';
import { AccessTargetName } from '../AccessTargetName';
import { GrantExpiry, formatMoment } from '../GrantExpiry';
import { RequestOutcome } from '../RequestOutcome';
import { durationLabel } from '../../durationLabel';

const Actions = ({ children }: { children: ReactNode }) => (
  <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} marginTop={1}>
    {children}
  </Box>
);

function columnsFor(options: {
  narrow: boolean;
  showRequester: boolean;
  titles: Map<string, string>;
  actions: (request: AccessRequest) => ReactNode;
}): TableColumn<AccessRequest>[] {
  const { narrow, showRequester, titles, actions } = options;
  const access: TableColumn<AccessRequest> = {
    title: 'Access',
    field: 'targetId',
    highlight: true,
    render: row => (
      <>
        <AccessTargetName
          target={row.target}
          title={titles.get(row.targetId)}
        />
        {narrow && (
          <Typography variant="body2" color="textSecondary">
            {showRequester && (
              <>
                <EntityRefLink entityRef={row.requester} hideIcon />
                {' · '}
              </>
            )}
            {durationLabel(row.duration)} · asked {formatMoment(row.createdAt)}
          </Typography>
        )}
      </>
    ),
  };
  const status: TableColumn<AccessRequest> = {
    title: 'Status',
    field: 'status',
    render: row => (
      <>
        <AccessRequestStatusChip status={row.status} />
        <GrantExpiry request={row} />
        {narrow && (
          <>
            <RequestOutcome request={row} />
            <Actions>{actions(row)}</Actions>
          </>
        )}
      </>
    ),
  };
  // On a phone the same columns, most hidden: material-table keeps its column state, so the
  // set of columns never changes, only which are shown.
  return [
    {
      title: 'Who',
      field: 'requester',
      hidden: narrow || !showRequester,
      render: row => <EntityRefLink entityRef={row.requester} hideIcon />,
    },
    access,
    {
      title: 'Duration',
      field: 'duration',
      hidden: narrow,
      render: row => durationLabel(row.duration),
    },
    status,
    {
      title: 'Reason',
      field: 'reason',
      hidden: narrow,
      render: row => <Typography variant="body2">{row.reason}</Typography>,
    },
    {
      title: 'Asked',
      field: 'createdAt',
      type: 'datetime',
      defaultSort: 'desc',
      hidden: narrow,
    },
    {
      title: 'Decision',
      sorting: false,
      hidden: narrow,
      render: row => <RequestOutcome request={row} />,
    },
    {
      title: 'Actions',
      sorting: false,
      hidden: narrow,
      render: row => actions(row),
    },
  ];
}

/**
 * Access requests as a table: what for, status with the grant's end, the reason and who
 * decided. On a phone only two columns, the rest written under them.
 */
export const AccessRequestTable = ({
  title,
  items,
  titles,
  showRequester = false,
  actions,
}: {
  title: string;
  items: AccessRequest[];
  /** Target titles by target id, from `GET /targets`. */
  titles: Map<string, string>;
  /** Adds who asked (for the list of everyone's grants). */
  showRequester?: boolean;
  /** The buttons of a row (cancel, revoke). */
  actions: (request: AccessRequest) => ReactNode;
}) => {
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('xs'), {
    noSsr: true,
  });
  return (
    <Table<AccessRequest>
      title={title}
      options={{
        paging: items.length > 20,
        pageSize: 20,
        search: !narrow,
        emptyRowsWhenPaging: false,
      }}
      columns={columnsFor({ narrow, showRequester, titles, actions })}
      data={items}
    />
  );
};
