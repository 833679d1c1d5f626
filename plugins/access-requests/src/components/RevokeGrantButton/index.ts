export { RevokeGrantButton } from './RevokeGrantButton';
