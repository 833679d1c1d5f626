import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraRequest,
  InfraSignal,
} from '@internal/plugin-infra-common';
import {
  INFRA_EVENTS_TOPIC,
  InfraResourceChangedEvent,
} from '@internal/plugin-infra-node';

/**
 * Tells people and plugins about a request: signals to open pages, notifications to the
 * requester and approvers, and `gantry.infra` events to the catalog provider. Delivery
 * problems are logged and never fail the request.
 */
export class RequestNotifier {
  constructor(
    private readonly deps: {
      signals: SignalsService;
      events: EventsService;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** The request's status changed: open pages reload it. */
  changed(request: InfraRequest) {
    this.signal(request, request.status);
  }

  /** New log lines are stored: open pages fetch them. */
  logged(request: Pick<InfraRequest, 'id' | 'requesterRef'>) {
    this.signal(request, 'log');
  }

  /** A notification to the requester, and to `approverRefs` when given. */
  async notify(
    request: InfraRequest,
    message: { title: string; description: string },
    approverRefs: string[] = [],
  ) {
    await this.attempt('notification', () =>
      this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: [request.requesterRef, ...approverRefs],
        },
        payload: {
          ...message,
          link: `/infra/requests/${request.id}`,
          topic: 'infra',
          severity: 'normal',
        },
      }),
    );
  }

  /** The resource was created or destroyed: the catalog provider refreshes. */
  async resourceChanged(
    request: InfraRequest,
    status: InfraResourceChangedEvent['status'],
  ) {
    const event: InfraResourceChangedEvent = {
      resourceId: request.resourceId,
      requestId: request.id,
      status,
    };
    await this.attempt('event', () =>
      this.deps.events.publish({
        topic: INFRA_EVENTS_TOPIC,
        eventPayload: event,
      }),
    );
  }

  private signal(
    request: Pick<InfraRequest, 'id' | 'requesterRef'>,
    status: string,
  ) {
    this.attempt('signal', () =>
      this.deps.signals.publish({
        recipients: { type: 'user', entityRef: request.requesterRef },
        channel: INFRA_SIGNAL_CHANNEL,
        message: { requestId: request.id, status } satisfies InfraSignal,
      }),
    );
  }

  private async attempt(what: string, fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (error) {
      this.deps.logger.warn(`Could not send infra ${what}: ${error}`);
    }
  }
}
