export { ItemsPage } from './ItemsPage';
