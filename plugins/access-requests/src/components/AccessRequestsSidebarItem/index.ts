export { AccessRequestsSidebarItem } from './AccessRequestsSidebarItem';
