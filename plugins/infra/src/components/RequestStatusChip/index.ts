export { RequestStatusChip, statusLabel } from './RequestStatusChip';
