import { SidebarItem } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useSignalReload } from '@internal/plugin-api-react';
import { Badge } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';

/** "Approvals" in the sidebar, with a badge counting what waits for me. */
export const ApprovalsSidebarItem = () => {
  const api = useApi(approvalsApiRef);
  const { value, retry } = useAsyncRetry(() => api.getSummary(), [api]);
  useSignalReload(APPROVALS_SIGNAL_CHANNEL, retry);
  const count = value?.pendingAssignedToMe ?? 0;

  const Icon = () => (
    <Badge
      badgeContent={count}
      color="secondary"
      max={99}
      overlap="rectangular"
    >
      <CheckCircleOutlineIcon />
    </Badge>
  );
  return (
    <SidebarItem
      icon={Icon}
      to="approvals"
      text={count ? `Approvals (${count})` : 'Approvals'}
      hasNotifications={count > 0}
    />
  );
};
