import { SidebarItem } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Tag, TagGroup } from '@backstage/ui';
import { useSignalReload } from '@internal/plugin-api-react';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';

/**
 * "Approvals" in the sidebar with what waits for my decision counted the way upstream's
 * Notifications item counts the unread: a tag beside the label, and a dot on the icon that
 * still shows when the sidebar is folded.
 */
export const ApprovalsSidebarItem = () => {
  const api = useApi(approvalsApiRef);
  const { value, retry } = useAsyncRetry(() => api.getSummary(), [api]);
  useSignalReload(APPROVALS_SIGNAL_CHANNEL, retry);
  const count = value?.pendingAssignedToMe ?? 0;
  return (
    <SidebarItem
      icon={CheckCircleOutlineIcon}
      to="approvals"
      text="Approvals"
      hasNotifications={count > 0}
    >
      {count > 0 && (
        <TagGroup aria-label="Waiting for my approval">
          <Tag size="small">{count > 99 ? '99+' : String(count)}</Tag>
        </TagGroup>
      )}
    </SidebarItem>
  );
};
