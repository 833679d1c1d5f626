import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { AccessRequest } from '@internal/plugin-access-requests-common';
import {
  TEMPORARY_GRANTS_EVENTS_TOPIC,
  TemporaryGrantTarget,
} from '@internal/plugin-rbac-common';

/**
 * The payload on `TEMPORARY_GRANTS_EVENTS_TOPIC`: which grant changed and how. Readers
 * fetch the active grants again on any event; the fields say what changed, for logs.
 */
export type TemporaryGrantChangedEvent = {
  requestId: string;
  userEntityRef: string;
  target: TemporaryGrantTarget;
  status: 'active' | 'expired' | 'revoked';
  expiresAt?: string;
};

/**
 * Tells the permission policy and the access page that the active grants changed, so that a
 * grant, expiry or revocation counts from the next permission decision.
 */
export class GrantAnnouncer {
  constructor(
    private readonly deps: { events: EventsService; logger: LoggerService },
  ) {}

  /** Announces the grant of `request`, as it stands after a grant, expiry or revocation. */
  async changed(request: AccessRequest): Promise<void> {
    if (!['active', 'expired', 'revoked'].includes(request.status)) return;
    const eventPayload: TemporaryGrantChangedEvent = {
      requestId: request.id,
      userEntityRef: request.requester,
      target: request.target,
      status: request.status as TemporaryGrantChangedEvent['status'],
      ...(request.expiresAt && { expiresAt: request.expiresAt }),
    };
    try {
      await this.deps.events.publish({
        topic: TEMPORARY_GRANTS_EVENTS_TOPIC,
        eventPayload,
      });
    } catch (error) {
      // The change is committed; readers that missed the event still see it on their
      // next fetch of the active grants, and the grant's expiry holds regardless.
      this.deps.logger.warn(
        `Could not announce the ${request.status} grant of access request ${request.id}: ${error}`,
      );
    }
  }
}
