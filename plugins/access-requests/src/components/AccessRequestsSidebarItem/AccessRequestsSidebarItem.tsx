import { SidebarItem } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { accessRequestCreatePermission } from '@internal/plugin-access-requests-common';
import LockOpenIcon from '@material-ui/icons/LockOpen';

/** "Access requests" in the sidebar, for those who may ask for access. */
export const AccessRequestsSidebarItem = () => {
  const { allowed } = usePermission({
    permission: accessRequestCreatePermission,
  });
  return allowed ? (
    <SidebarItem
      icon={LockOpenIcon}
      to="access-requests"
      text="Access requests"
    />
  ) : null;
};
