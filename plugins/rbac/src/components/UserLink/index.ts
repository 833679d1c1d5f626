export { UserLink } from './UserLink';
