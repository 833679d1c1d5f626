export { RequestStatusChip, statusLabel } from './RequestStatusChip';
export { ResourceStatusChip } from './ResourceStatusChip';
