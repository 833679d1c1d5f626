export { AccessChip, accessLabel } from './AccessChip';
