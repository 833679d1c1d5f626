import { ApprovalStatus } from '@internal/plugin-approvals-common';

/** The events-service topic on which the approvals backend publishes every status change. */
export const APPROVALS_EVENTS_TOPIC = 'gantry.approvals';

/** The payload of an event on {@link APPROVALS_EVENTS_TOPIC}. */
export type ApprovalStatusChangedEvent = {
  requestId: string;
  kind: string;
  status: ApprovalStatus;
  payloadHash: string;
};
