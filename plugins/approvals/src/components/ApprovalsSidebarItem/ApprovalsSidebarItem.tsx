import { useEffect } from 'react';
import { SidebarItem } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { Badge } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { approvalsApiRef } from '../../api/ApprovalsApi';

/** "Approvals" in the sidebar, with a badge counting what waits for me. */
export const ApprovalsSidebarItem = () => {
  const api = useApi(approvalsApiRef);
  const { value, retry } = useAsyncRetry(() => api.getSummary(), [api]);
  const { lastSignal } = useSignal('gantry-approvals');
  useEffect(() => {
    if (lastSignal) retry();
  }, [lastSignal, retry]);
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
