import {
  AuditorService,
  AuditorServiceEvent,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  stringifyError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import {
  infraResourceEntityRef,
  InfraRequest,
} from '@internal/plugin-infra-common';
import {
  StalePlanError,
  TerraformRunner,
  describeTerraformError,
  hashPlanFile,
} from '@internal/plugin-terraform-node';
import { rm, writeFile } from 'node:fs/promises';
import { InfraStore } from '../database/InfraStore';
import { ApprovalPolicy, approvalMismatch } from './approvalPayload';
import { auditOutcome } from './auditOutcome';
import { Clock } from './clock';
import { LogWriter } from './LogWriter';
import { RequestLifecycle, titleOf } from './RequestLifecycle';
import { StepTimings } from './StepTimings';
import { TerraformSettings, writeRequestModule } from './requestModule';
import { RequestNotifier } from './RequestNotifier';
import { Workspaces } from './Workspaces';

/**
 * The apply job: applies exactly the approved plan of a request this worker claimed, after
 * checking again that the approval covers it and the requester may still have it. A plan
 * that no longer matches (hash or stale state) is planned again for a new approval.
 */
export class Applier {
  constructor(
    private readonly deps: {
      store: InfraStore;
      runner: TerraformRunner;
      workspaces: Workspaces;
      settings: TerraformSettings;
      approvals: ApprovalsService;
      policy: ApprovalPolicy;
      catalog: CatalogService;
      auth: AuthService;
      lifecycle: RequestLifecycle;
      notifier: RequestNotifier;
      auditor: AuditorService;
      logger: LoggerService;
      clock: Clock;
    },
  ) {}

  /** Applies a request this worker (`claimer`) holds the apply claim of. */
  async run(requestId: string, claimer: string): Promise<void> {
    const { store, runner, workspaces, approvals, lifecycle, notifier } =
      this.deps;
    const request = await store.getRequest(requestId);
    if (request?.status !== 'applying') return;
    notifier.changed(request);
    const log = new LogWriter(
      store,
      request.id,
      () => notifier.logged(request),
      this.deps.logger,
      this.deps.clock,
    );
    let auditorEvent: AuditorServiceEvent;
    try {
      auditorEvent = await this.deps.auditor.createEvent({
        eventId: 'infra-request-apply',
        severityLevel: 'high',
        meta: {
          requestId,
          operation: request.operation,
          requester: request.requesterRef,
          approvalId: request.approvalId ?? null,
          planHash: request.planHash ?? null,
        },
      });
    } catch (error) {
      // No apply runs unaudited. Failing the request here, rather than leaving it in
      // `applying` for the sweeper, says that nothing was applied and frees a create's name.
      const reason = `Apply refused: the audit trail could not be written, so Terraform did not run (${stringifyError(
        error,
      )})`;
      log.write(reason, 'gantry');
      await log.flush();
      await lifecycle.fail(request, ['applying'], reason, {
        nothingApplied: true,
        claimedBy: claimer,
      });
      return;
    }
    // Until terraform apply starts nothing has changed, so a refused create frees its name.
    let applyStarted = false;
    try {
      const approval = await approvals.getRequest(request.approvalId!);
      const mismatch = approvalMismatch(approval, request, this.deps.policy);
      if (approval.status !== 'approved' || mismatch) {
        throw new NotAllowedError(
          `Refusing to apply: ${
            mismatch ?? `the approval is ${approval.status}`
          }`,
        );
      }
      await this.checkRequesterStillAllowed(request);
      await approvals.reportExecution(approval.id, { status: 'executing' });

      const dir = await writeRequestModule(
        workspaces,
        this.deps.settings,
        request,
      );
      log.write(`Applying the approved plan ${request.planHash}`, 'gantry');
      const timings = new StepTimings();
      await timings.time('init', () => runner.init(dir, log.write));
      const planFile = workspaces.planPathOf(request.resourceId, request.id);
      const bytes = await store.getPlanFile(request.id);
      if (!bytes) throw new ConflictError('The plan file is missing');
      await writeFile(planFile, bytes);
      const hash = await hashPlanFile(planFile);
      if (hash !== request.planHash) {
        const why = `the plan file's hash ${hash} differs from the approved ${request.planHash}`;
        log.write(`Not applied: ${why}; planning again`, 'gantry');
        await log.flush();
        await lifecycle.supersede(request, ['applying'], why);
        await auditorEvent.fail({ error: new ConflictError(why) });
        return;
      }
      applyStarted = true;
      try {
        await timings.time('apply', () =>
          runner.apply(dir, planFile, log.write),
        );
      } catch (error) {
        if (error instanceof StalePlanError) {
          log.write(`${error.message}; planning again`, 'gantry');
          await log.flush();
          await lifecycle.supersede(request, ['applying'], error.reason);
          await auditorEvent.fail({ error });
          return;
        }
        throw error;
      }
      const outputs = Object.fromEntries(
        Object.entries(await timings.time('output', () => runner.output(dir)))
          .filter(([, o]) => !o.sensitive)
          .map(([name, o]) => [name, o.value]),
      );
      await rm(planFile, { force: true });
      log.write(`Terraform time: ${timings}`, 'gantry');
      log.write('Apply complete', 'gantry');
      await log.flush();
      await this.complete(request, outputs, claimer);
      await auditorEvent.success({ meta: { outputs: Object.keys(outputs) } });
      await this.auditResourceChange(request);
    } catch (error) {
      log.write(`Apply failed: ${(error as Error).message}`, 'gantry');
      const reason = `Apply failed: ${describeTerraformError(error)}`;
      await log.flush();
      await lifecycle.fail(request, ['applying'], reason, {
        nothingApplied: !applyStarted,
        claimedBy: claimer,
      });
      await auditorEvent.fail({ error: error as Error });
    }
  }

  /**
   * One entry about the resource itself, whose target is its catalog entity, so that the
   * entity's activity card shows who provisioned or destroyed it, through which request and
   * approval. The apply is done and its own event stored, so a failure here is only logged.
   */
  private async auditResourceChange(request: InfraRequest) {
    try {
      await auditOutcome(
        this.deps.auditor,
        request.operation === 'destroy'
          ? 'infra-resource-destroyed'
          : 'infra-resource-provisioned',
        'success',
        {
          entityRef: infraResourceEntityRef(request.resourceName),
          requestId: request.id,
          approvalId: request.approvalId ?? null,
          requester: request.requesterRef,
          environment: request.environment,
        },
      );
    } catch (error) {
      this.deps.logger.warn(
        `Could not audit the change of resource ${
          request.resourceName
        }: ${stringifyError(error)}`,
      );
    }
  }

  private async complete(
    request: InfraRequest,
    outputs: Record<string, unknown>,
    claimer: string,
  ) {
    const { store, lifecycle, notifier, clock } = this.deps;
    const now = clock.now();
    const applied = await store.transition(
      request.id,
      ['applying'],
      'applied',
      { outputs, appliedAt: now, error: null },
      now,
      { claimedBy: claimer },
    );
    const destroyed = request.operation === 'destroy';
    await store.updateResource(
      request.resourceId,
      destroyed
        ? { status: 'destroyed', lastRequestId: request.id }
        : { status: 'active', outputs, lastRequestId: request.id },
      now,
    );
    await lifecycle.reportApproval(request, 'completed');
    if (applied) {
      notifier.changed(applied);
      await notifier.notify(applied, {
        title: `${titleOf(applied)}: applied`,
        description: destroyed
          ? 'The resource is destroyed.'
          : 'The resource is ready; its outputs are on the request page.',
      });
    }
    await notifier.resourceChanged(request, destroyed ? 'destroyed' : 'active');
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
}
