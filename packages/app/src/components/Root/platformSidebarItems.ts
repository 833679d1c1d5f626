import { IconComponent } from '@backstage/core-plugin-api';
import HistoryIcon from '@material-ui/icons/History';

/** A sidebar entry for a platform plugin, shown once that plugin is in the app. */
export type PlatformSidebarItem = {
  to: string;
  text: string;
  icon: IconComponent;
  available: boolean;
};

// Shared platform plugins whose entries are ready here and stay hidden until the plugin
// lands; each plugin's issue flips `available`. Approvals has its own item with a badge.
export const platformSidebarItems: PlatformSidebarItem[] = [
  { to: 'audit', text: 'Audit', icon: HistoryIcon, available: false },
];
