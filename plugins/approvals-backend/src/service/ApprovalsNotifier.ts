import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  APPROVALS_SIGNAL_CHANNEL,
  ApprovalRequest,
  ApprovalsSignal,
} from '@internal/plugin-approvals-common';
import {
  APPROVALS_EVENTS_TOPIC,
  ApprovalStatusChangedEvent,
} from '@internal/plugin-approvals-node';

/**
 * Tells people and plugins about changes: notifications to approvers and requesters,
 * signals to open pages, and events to consuming plugins on any replica.
 * Delivery problems are logged, never turned into a failed decision.
 */
export class ApprovalsNotifier {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      signals: SignalsService;
      events: EventsService;
      logger: LoggerService;
    },
  ) {}

  async opened(request: ApprovalRequest) {
    await this.notify(
      [...request.approvers.users, ...request.approvers.groups],
      request,
      `Approval needed: ${request.title}`,
      `${request.requesterRef} asks for approval (${request.kind}).`,
    );
    await this.changed(request);
  }

  async voted(request: ApprovalRequest, actorRef: string, decision: string) {
    await this.notify(
      [request.requesterRef],
      request,
      `${request.title}: ${request.status}`,
      `${actorRef} voted to ${decision}. The request is ${request.status}.`,
    );
    await this.changed(request);
  }

  async closed(request: ApprovalRequest, why: string) {
    await this.notify(
      [request.requesterRef],
      request,
      `${request.title}: ${request.status}`,
      why,
    );
    await this.changed(request);
  }

  /** Pushes the new status to open pages and to consuming plugins. */
  async changed(request: ApprovalRequest) {
    const recipients = [
      request.requesterRef,
      ...request.approvers.users,
      ...request.approvers.groups,
    ];
    await this.attempt('signal', () =>
      this.deps.signals.publish({
        recipients: { type: 'user', entityRef: recipients },
        channel: APPROVALS_SIGNAL_CHANNEL,
        message: {
          requestId: request.id,
          status: request.status,
        } satisfies ApprovalsSignal,
      }),
    );
    const event: ApprovalStatusChangedEvent = {
      requestId: request.id,
      kind: request.kind,
      status: request.status,
      payloadHash: request.payloadHash,
    };
    await this.attempt('event', () =>
      this.deps.events.publish({
        topic: APPROVALS_EVENTS_TOPIC,
        eventPayload: event,
      }),
    );
  }

  private async notify(
    entityRefs: string[],
    request: ApprovalRequest,
    title: string,
    description: string,
  ) {
    await this.attempt('notification', () =>
      this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: entityRefs,
          excludeEntityRef:
            entityRefs.length > 1 ? request.requesterRef : undefined,
        },
        payload: {
          title,
          description,
          link: `/approvals/requests/${request.id}`,
          topic: 'approvals',
          severity: 'normal',
        },
      }),
    );
  }

  private async attempt(what: string, fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (error) {
      this.deps.logger.warn(`Could not send approvals ${what}: ${error}`);
    }
  }
}
