export {
  AccessRequestStatusChip,
  accessRequestStatusLabels,
} from './AccessRequestStatusChip';
