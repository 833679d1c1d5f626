import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import {
  INFRA_APPROVAL_KIND,
  INFRA_SIGNAL_CHANNEL,
  InfraRequest,
  PlanSummaryDocument,
} from '@internal/plugin-infra-common';
import {
  INFRA_EVENTS_TOPIC,
  InfraResourceChangedEvent,
} from '@internal/plugin-infra-node';
import {
  StalePlanError,
  TerraformRunner,
  hashPlanFile,
  summarizePlan,
} from '@internal/plugin-terraform-node';
import { JsonObject } from '@backstage/types';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { InfraStore } from '../database/InfraStore';
import {
  approvalDetailsOf,
  approvalMismatch,
  approvalPayloadOf,
} from './approvalPayload';
import { LogWriter } from './LogWriter';
import { renderRootModule } from './rootModule';
import { Workspaces } from './Workspaces';

/** Settings the provisioner needs from config. */
export type ProvisionerSettings = {
  modulesDir: string;
  regionOf: (environment: 'dev' | 'prod') => string;
  stateBackend: 'local' | 'pg';
  approverGroups: string[];
};

const TERMINAL_FROM_APPROVAL = {
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
} as const;

const HEARTBEAT_MS = 10_000;

/**
 * Plans, links approvals to, and applies provisioning requests. Every step is audited, and
 * every status change is pushed to open pages and to the catalog provider.
 */
export class Provisioner {
  constructor(
    private readonly deps: {
      store: InfraStore;
      runner: TerraformRunner;
      workspaces: Workspaces;
      settings: ProvisionerSettings;
      approvals: ApprovalsService;
      catalog: CatalogService;
      auth: AuthService;
      auditor: AuditorService;
      signals: SignalsService;
      events: EventsService;
      logger: LoggerService;
      /** Identifies this replica in apply claims. */
      instanceId: string;
    },
  ) {}

  /** Renders the root module, runs init and plan, and stores plan file, hash and summary. */
  async plan(request: InfraRequest): Promise<InfraRequest> {
    const { store, runner, workspaces } = this.deps;
    const log = this.logWriter(request);
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'infra-request-plan',
      severityLevel: 'medium',
      meta: {
        requestId: request.id,
        operation: request.operation,
        requester: request.requesterRef,
      },
    });
    try {
      const dir = await workspaces.writeRootModule(
        request.resourceId,
        this.render(request),
      );
      const planFile = workspaces.planPathOf(request.resourceId, request.id);
      log.write(
        `Planning ${request.operation} of ${request.kind} ${request.resourceName}`,
        'gantry',
      );
      await runner.init(dir, log.write);
      await runner.plan(dir, {
        planFile,
        destroy: request.operation === 'destroy',
        onLog: log.write,
      });
      const summary = toDocument(
        summarizePlan(await runner.showPlanJson(dir, planFile)),
      );
      const planHash = await hashPlanFile(planFile);
      const bytes = await readFile(planFile);
      log.write(
        `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy. Plan hash ${planHash}`,
        'gantry',
      );
      await log.flush();
      const planned = await store.transition(
        request.id,
        ['planning'],
        'planned',
        { planHash, planSummary: summary, planFile: bytes },
        new Date(),
      );
      if (!planned) {
        throw new ConflictError('The request changed while planning');
      }
      await auditorEvent.success({ meta: { planHash } });
      this.changed(planned);
      return planned;
    } catch (error) {
      // A failed plan is an outcome of the request, shown on its page, not a server error:
      // the caller gets the request back in `failed` with the reason.
      log.write(`Plan failed: ${(error as Error).message}`, 'gantry');
      await log.flush();
      await this.fail(request.id, ['planning'], error as Error);
      await auditorEvent.fail({ error: error as Error });
      return (await store.getRequest(request.id))!;
    }
  }

  /**
   * Opens the approval for a planned request: as the user's plugin when the user is here,
   * else as this plugin naming the requester (a re-plan).
   */
  async openApproval(
    request: InfraRequest,
    credentials?: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<InfraRequest> {
    const input = {
      kind: INFRA_APPROVAL_KIND,
      title: `${request.operation === 'destroy' ? 'Destroy' : 'Create'} ${
        request.kind
      } ${request.resourceName} (${request.environment})`,
      summary: request.justification,
      onBehalfOfRef: request.ownerRef,
      approvers: { groups: this.deps.settings.approverGroups },
      payload: approvalPayloadOf(request),
      details: approvalDetailsOf(request),
    };
    const approval = credentials
      ? await this.deps.approvals.createRequest(input, { credentials })
      : await this.deps.approvals.createRequestFor({
          ...input,
          requesterRef: request.requesterRef,
        });
    return (await this.link(approval)) ?? request;
  }

  /**
   * Links an approval to the request it names, once it is verified to cover that request's
   * plan. Returns the linked request, or undefined when the approval does not apply.
   */
  async link(approval: ApprovalRequest): Promise<InfraRequest | undefined> {
    const { store, logger } = this.deps;
    const existing = await store.getRequestByApprovalId(approval.id);
    if (existing) return existing;
    const payload = approval.payload as { infraRequestId?: unknown };
    if (typeof payload?.infraRequestId !== 'string') return undefined;
    const request = await store.getRequest(payload.infraRequestId);
    if (!request) return undefined;
    const mismatch = approvalMismatch(approval, request);
    if (mismatch) {
      logger.warn(
        `Approval ${approval.id} not linked to infra request ${request.id}: ${mismatch}`,
      );
      await this.auditNow('infra-approval-link', 'fail', {
        requestId: request.id,
        approvalId: approval.id,
        reason: mismatch,
      });
      return undefined;
    }
    const linked = await store.transition(
      request.id,
      ['planned'],
      'awaiting_approval',
      { approvalId: approval.id },
      new Date(),
    );
    if (linked) {
      await this.auditNow('infra-approval-requested', 'success', {
        requestId: request.id,
        approvalId: approval.id,
        planHash: request.planHash,
      });
      this.changed(linked);
    }
    return linked;
  }

  /** Follows an approval's status: approve, or end the request with the approval. */
  async onApprovalStatus(approvalId: string): Promise<void> {
    const { store, approvals } = this.deps;
    const approval = await approvals.getRequest(approvalId);
    let request = await store.getRequestByApprovalId(approvalId);
    if (!request && approval.status === 'pending') {
      request = await this.link(approval);
    }
    if (!request && approval.status === 'approved') {
      // The decision may arrive before the link (one replica missed the open event).
      request = await this.link(approval);
    }
    if (!request) return;

    if (approval.status === 'approved') {
      const mismatch = approvalMismatch(approval, request);
      if (mismatch) {
        await this.auditNow('infra-request-approved', 'fail', {
          requestId: request.id,
          approvalId,
          reason: mismatch,
        });
        return;
      }
      const approved = await store.transition(
        request.id,
        ['awaiting_approval'],
        'approved',
        {},
        new Date(),
      );
      if (approved) {
        await this.auditNow('infra-request-approved', 'success', {
          requestId: request.id,
          approvalId,
          planHash: request.planHash,
        });
        this.changed(approved);
      }
      return;
    }
    const terminal =
      TERMINAL_FROM_APPROVAL[
        approval.status as keyof typeof TERMINAL_FROM_APPROVAL
      ];
    if (terminal) {
      const ended = await store.transition(
        request.id,
        ['planned', 'awaiting_approval'],
        terminal,
        {},
        new Date(),
      );
      if (ended) {
        if (ended.operation === 'create') {
          // Nothing was created: free the name.
          await store.updateResource(
            ended.resourceId,
            { status: 'destroyed' },
            new Date(),
          );
        }
        await this.auditNow(`infra-request-${terminal}`, 'success', {
          requestId: ended.id,
          approvalId,
        });
        this.changed(ended);
      }
    }
  }

  /**
   * Claims and applies an approved request. Exactly one replica wins the claim; the others
   * return false. Applies exactly the approved plan, or re-plans for a new approval.
   */
  async dispatch(requestId: string): Promise<boolean> {
    const { store, instanceId } = this.deps;
    if (!(await store.claimApply(requestId, instanceId, new Date()))) {
      return false;
    }
    const heartbeat = setInterval(() => {
      store.heartbeat(requestId, instanceId, new Date()).catch(() => {});
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await this.apply(requestId);
    } finally {
      clearInterval(heartbeat);
    }
    return true;
  }

  private async apply(requestId: string): Promise<void> {
    const { store, runner, workspaces, approvals } = this.deps;
    const request = (await store.getRequest(requestId))!;
    this.changed(request);
    const log = this.logWriter(request);
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'infra-request-apply',
      severityLevel: 'high',
      meta: {
        requestId,
        operation: request.operation,
        requester: request.requesterRef,
        approvalId: request.approvalId,
        planHash: request.planHash,
      },
    });
    // Until terraform apply starts nothing has changed, so a refused create frees its name.
    let applyStarted = false;
    try {
      // The approval must still be complete and cover this exact plan.
      const approval = await approvals.getRequest(request.approvalId!);
      const mismatch = approvalMismatch(approval, request);
      if (approval.status !== 'approved' || mismatch) {
        throw new NotAllowedError(
          `Refusing to apply: ${
            mismatch ?? `the approval is ${approval.status}`
          }`,
        );
      }
      await this.checkRequesterStillAllowed(request);
      await approvals.reportExecution(approval.id, { status: 'executing' });

      const dir = await workspaces.writeRootModule(
        request.resourceId,
        this.render(request),
      );
      log.write(`Applying the approved plan ${request.planHash}`, 'gantry');
      await runner.init(dir, log.write);
      const planFile = workspaces.planPathOf(request.resourceId, request.id);
      const bytes = await store.getPlanFile(request.id);
      if (!bytes) throw new ConflictError('The plan file is missing');
      await writeFile(planFile, bytes);
      const hash = await hashPlanFile(planFile);
      if (hash !== request.planHash) {
        log.write(
          `The plan file's hash ${hash} differs from the approved ${request.planHash}; planning again`,
          'gantry',
        );
        await log.flush();
        await this.replan(request, 'plan hash mismatch');
        await auditorEvent.fail({
          error: new ConflictError('plan hash mismatch; re-planned'),
        });
        return;
      }
      applyStarted = true;
      try {
        await runner.apply(dir, planFile, log.write);
      } catch (error) {
        if (error instanceof StalePlanError) {
          log.write('The saved plan is stale; planning again', 'gantry');
          await log.flush();
          await this.replan(request, 'stale plan');
          await auditorEvent.fail({ error });
          return;
        }
        throw error;
      }
      const outputs = Object.fromEntries(
        Object.entries(await runner.output(dir))
          .filter(([, o]) => !o.sensitive)
          .map(([name, o]) => [name, o.value]),
      );
      await rm(planFile, { force: true });
      log.write('Apply complete', 'gantry');
      await log.flush();
      const now = new Date();
      const applied = await store.transition(
        request.id,
        ['applying'],
        'applied',
        { outputs, appliedAt: now, error: null },
        now,
      );
      await store.updateResource(
        request.resourceId,
        request.operation === 'destroy'
          ? { status: 'destroyed', lastRequestId: request.id }
          : { status: 'active', outputs, lastRequestId: request.id },
        now,
      );
      await approvals
        .reportExecution(approval.id, { status: 'completed' })
        .catch(e => this.deps.logger.warn(`Could not report completion: ${e}`));
      await auditorEvent.success({
        meta: { outputs: Object.keys(outputs) },
      });
      if (applied) this.changed(applied);
      await this.resourceChanged(
        request,
        request.operation === 'destroy' ? 'destroyed' : 'active',
      );
    } catch (error) {
      log.write(`Apply failed: ${(error as Error).message}`, 'gantry');
      await log.flush();
      await this.fail(request.id, ['applying'], error as Error);
      if (!applyStarted && request.operation === 'create') {
        await store.updateResource(
          request.resourceId,
          { status: 'destroyed' },
          new Date(),
        );
      }
      if (request.approvalId) {
        await approvals
          .reportExecution(request.approvalId, {
            status: 'failed',
            comment: String((error as Error).message).slice(0, 4000),
          })
          .catch(() => {});
      }
      await auditorEvent.fail({ error: error as Error });
    }
  }

  /** Marks applies whose replica stopped reporting as failed. They are never re-run. */
  async failInterrupted(before: Date): Promise<number> {
    const ids = await this.deps.store.listInterruptedApplies(before);
    for (const id of ids) {
      const request = await this.deps.store.getRequest(id);
      await this.deps.store.appendLogs(
        id,
        [
          {
            stream: 'gantry',
            line: 'The backend stopped during the apply; marked failed. It is not re-run: request it again after checking the resource.',
          },
        ],
        new Date(),
      );
      await this.fail(
        id,
        ['applying'],
        new Error('Interrupted: the backend stopped during the apply'),
      );
      if (request?.approvalId) {
        await this.deps.approvals
          .reportExecution(request.approvalId, {
            status: 'failed',
            comment: 'Interrupted: the backend stopped during the apply',
          })
          .catch(() => {});
      }
    }
    return ids.length;
  }

  // A new request with the same parameters, planned now, back to approval.
  private async replan(request: InfraRequest, why: string) {
    const { store } = this.deps;
    const next = await store.createRequest(
      {
        operation: request.operation,
        kind: request.kind,
        resourceName: request.resourceName,
        environment: request.environment,
        requesterRef: request.requesterRef,
        ownerRef: request.ownerRef,
        systemRef: request.systemRef,
        justification: `${request.justification} (re-planned: ${why})`,
        parameters: request.parameters,
        resourceId: request.resourceId,
      },
      new Date(),
    );
    const superseded = await store.transition(
      request.id,
      ['applying'],
      'superseded',
      { supersededBy: next.id, error: `Re-planned: ${why}` },
      new Date(),
    );
    if (superseded) this.changed(superseded);
    if (request.approvalId) {
      await this.deps.approvals
        .reportExecution(request.approvalId, {
          status: 'failed',
          comment: `Not applied (${why}); re-planned as ${next.id} for a new approval`,
        })
        .catch(() => {});
    }
    await store.updateResource(
      request.resourceId,
      { lastRequestId: next.id },
      new Date(),
    );
    const planned = await this.plan(next);
    if (planned.status === 'planned') await this.openApproval(planned);
  }

  // The requester must still exist and belong to the owner group when the apply starts: a
  // membership revoked while the request waited stops it.
  private async checkRequesterStillAllowed(request: InfraRequest) {
    const { catalog, auth } = this.deps;
    const user = await catalog.getEntityByRef(request.requesterRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    const groups = (user?.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef);
    if (!user || !groups.includes(request.ownerRef)) {
      throw new NotAllowedError(
        `${request.requesterRef} is no longer a member of ${request.ownerRef}`,
      );
    }
  }

  private render(request: InfraRequest) {
    const { workspaces, settings } = this.deps;
    return renderRootModule(
      {
        resourceId: request.resourceId,
        kind: request.kind,
        name: request.resourceName,
        environment: request.environment,
        ownerRef: request.ownerRef,
        parameters: request.parameters,
      },
      {
        modulesDir: settings.modulesDir,
        region: settings.regionOf(request.environment),
        state:
          settings.stateBackend === 'pg'
            ? { backend: 'pg' }
            : {
                backend: 'local',
                path: workspaces.statePathOf(request.resourceId),
              },
      },
    );
  }

  private async fail(id: string, from: InfraRequest['status'][], error: Error) {
    const failed = await this.deps.store.transition(
      id,
      from,
      'failed',
      { error: String(error.message).slice(0, 4000) },
      new Date(),
    );
    if (failed) {
      if (failed.operation === 'create' && from.includes('planning')) {
        await this.deps.store.updateResource(
          failed.resourceId,
          { status: 'destroyed' },
          new Date(),
        );
      }
      this.changed(failed);
    }
  }

  private logWriter(request: InfraRequest) {
    return new LogWriter(this.deps.store, request.id, () =>
      this.signal(request, 'log'),
    );
  }

  private changed(request: InfraRequest) {
    this.signal(request, request.status);
  }

  private signal(request: InfraRequest, status: string) {
    this.deps.signals
      .publish({
        recipients: { type: 'user', entityRef: request.requesterRef },
        channel: INFRA_SIGNAL_CHANNEL,
        message: { requestId: request.id, status },
      })
      .catch(() => {});
  }

  private async resourceChanged(
    request: InfraRequest,
    status: InfraResourceChangedEvent['status'],
  ) {
    const event: InfraResourceChangedEvent = {
      resourceId: request.resourceId,
      requestId: request.id,
      status,
    };
    await this.deps.events
      .publish({ topic: INFRA_EVENTS_TOPIC, eventPayload: event })
      .catch(e => this.deps.logger.warn(`Could not publish infra event: ${e}`));
  }

  private async auditNow(
    eventId: string,
    outcome: 'success' | 'fail',
    meta: JsonObject,
  ) {
    const event = await this.deps.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      meta,
    });
    if (outcome === 'success') await event.success();
    else await event.fail({ error: new Error(String(meta.reason ?? eventId)) });
  }
}

function toDocument(
  summary: ReturnType<typeof summarizePlan>,
): PlanSummaryDocument {
  return {
    add: summary.add,
    change: summary.change,
    destroy: summary.destroy,
    replace: summary.replace,
    resources: summary.resources
      .filter(r => r.action !== 'no-op' && r.action !== 'read')
      .map(r => ({ address: r.address, type: r.type, action: r.action })),
  };
}
