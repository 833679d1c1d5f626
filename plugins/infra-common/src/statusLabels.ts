import { InfraOperation, InfraRequestStatus, InfraResource } from './types';

const REQUEST_STATUS_LABELS: Record<InfraRequestStatus, string> = {
  planning: 'Planning',
  planned: 'Planned',
  awaiting_approval: 'Awaiting approval',
  approved: 'Approved',
  applying: 'Applying',
  applied: 'Applied',
  failed: 'Failed',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  superseded: 'Planned again',
};

// A destroy request's apply destroys: it says so.
const DESTROY_LABELS: Partial<Record<InfraRequestStatus, string>> = {
  applying: 'Destroying',
  applied: 'Destroyed',
};

/** A request's status in words, e.g. `Awaiting approval`, or `Destroyed` for an applied destroy. */
export function infraRequestStatusLabel(
  status: InfraRequestStatus,
  operation?: InfraOperation,
): string {
  return (
    (operation === 'destroy' ? DESTROY_LABELS[status] : undefined) ??
    REQUEST_STATUS_LABELS[status] ??
    status
  );
}

const RESOURCE_STATUS_LABELS: Record<InfraResource['status'], string> = {
  pending: 'Pending',
  active: 'Active',
  destroyed: 'Destroyed',
};

/** A resource's status in words. */
export function infraResourceStatusLabel(
  status: InfraResource['status'],
): string {
  return RESOURCE_STATUS_LABELS[status] ?? status;
}
