import { PropsWithChildren } from 'react';
import { makeStyles } from '@material-ui/core';
import HomeIcon from '@material-ui/icons/Home';
import ExtensionIcon from '@material-ui/icons/Extension';
import CategoryIcon from '@material-ui/icons/Category';
import CreateComponentIcon from '@material-ui/icons/AddCircleOutline';
import { LogoFull } from './LogoFull';
import { LogoIcon } from './LogoIcon';
import {
  Settings as SidebarSettings,
  UserSettingsSignInAvatar,
} from '@backstage/plugin-user-settings';
import { SidebarSearchModal } from '@backstage/plugin-search';
import {
  Sidebar,
  sidebarConfig,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarPage,
  SidebarScrollWrapper,
  SidebarSpace,
  useSidebarOpenState,
  Link,
} from '@backstage/core-components';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import GroupIcon from '@material-ui/icons/People';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { ApprovalsSidebarItem } from '@internal/plugin-approvals';
import { AccessRequestsSidebarItem } from '@internal/plugin-access-requests';
import StorageIcon from '@material-ui/icons/Storage';
import SecurityIcon from '@material-ui/icons/Security';
import HistoryIcon from '@material-ui/icons/History';
import { usePermission } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { rbacAccessReadPermission } from '@internal/plugin-rbac-common';
import { auditTrailReadPermission } from '@internal/plugin-audit-common';
import { infraOpsReadPermission } from '@internal/plugin-infra';
import DashboardIcon from '@material-ui/icons/Dashboard';

const useSidebarLogoStyles = makeStyles({
  root: {
    width: sidebarConfig.drawerWidthClosed,
    height: 3 * sidebarConfig.logoHeight,
    display: 'flex',
    flexFlow: 'row nowrap',
    alignItems: 'center',
    marginBottom: -14,
  },
  link: {
    width: sidebarConfig.drawerWidthClosed,
    marginLeft: 24,
  },
});

const SidebarLogo = () => {
  const classes = useSidebarLogoStyles();
  const { isOpen } = useSidebarOpenState();

  return (
    <div className={classes.root}>
      <Link to="/" underline="none" className={classes.link} aria-label="Home">
        {isOpen ? <LogoFull /> : <LogoIcon />}
      </Link>
    </div>
  );
};

/** "Create...", only for those the permission policy lets run software templates. */
const CreateSidebarItem = () => {
  const { allowed } = usePermission({ permission: taskCreatePermission });
  return allowed ? (
    <SidebarItem icon={CreateComponentIcon} to="create" text="Create..." />
  ) : null;
};

/** "Access", the roles page, only for those allowed to read everyone's access (admins). */
const AccessSidebarItem = () => {
  const { allowed } = usePermission({ permission: rbacAccessReadPermission });
  return allowed ? (
    <SidebarItem icon={SecurityIcon} to="rbac" text="Access" />
  ) : null;
};

/** "Operations", the infra operations dashboard, only for those who may open it (admins). */
const OperationsSidebarItem = () => {
  const { allowed } = usePermission({ permission: infraOpsReadPermission });
  return allowed ? (
    <SidebarItem icon={DashboardIcon} to="ops" text="Operations" />
  ) : null;
};

/** "Audit", the audit trail, only for those who may open it (admins). */
const AuditSidebarItem = () => {
  const { allowed } = usePermission({ permission: auditTrailReadPermission });
  return allowed ? (
    <SidebarItem icon={HistoryIcon} to="audit" text="Audit" />
  ) : null;
};

export const Root = ({ children }: PropsWithChildren<{}>) => {
  return (
    <SidebarPage>
      <Sidebar>
        <SidebarLogo />
        <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
          <SidebarSearchModal />
        </SidebarGroup>
        <SidebarDivider />
        <SidebarGroup label="Menu" icon={<MenuIcon />}>
          {/* Global nav, not org-specific */}
          <SidebarItem icon={HomeIcon} to="/" text="Home" />
          <SidebarItem icon={CategoryIcon} to="catalog" text="Catalog" />
          <MyGroupsSidebarItem
            singularTitle="My Group"
            pluralTitle="My Groups"
            icon={GroupIcon}
          />
          <SidebarItem icon={ExtensionIcon} to="api-docs" text="APIs" />
          <CreateSidebarItem />
          <ApprovalsSidebarItem />
          <SidebarItem icon={StorageIcon} to="infra" text="Infrastructure" />
          <AccessRequestsSidebarItem />
          <AccessSidebarItem />
          <AuditSidebarItem />
          <OperationsSidebarItem />
          {/* End global nav */}
          <SidebarDivider />
          <SidebarScrollWrapper>
            {/* Items in this group will be scrollable if they run out of space */}
          </SidebarScrollWrapper>
        </SidebarGroup>
        <SidebarSpace />
        <SidebarDivider />
        {/* One notification at a time, briefly, at the bottom left over the sidebar: never a
          stack of them over the page's content, such as a live apply log. No "(1)" count in
          the browser tab: upstream's title counter keeps the title it saw last, and with an
          unread notification the tab could keep the sign-in page's "Who are you today?" on
          every page after it. The count shows beside "Notifications". */}
        <NotificationsSidebarItem
          titleCounterEnabled={false}
          snackbarProps={{
            maxSnack: 1,
            dense: true,
            autoHideDuration: 5000,
            anchorOrigin: { vertical: 'bottom', horizontal: 'left' },
          }}
        />
        <SidebarDivider />
        <SidebarGroup
          label="Settings"
          icon={<UserSettingsSignInAvatar />}
          to="/settings"
        >
          <SidebarSettings />
        </SidebarGroup>
      </Sidebar>
      {children}
    </SidebarPage>
  );
};
