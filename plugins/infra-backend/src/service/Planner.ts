import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  costEstimateText,
  deniedBy,
  InfraRequest,
} from '@internal/plugin-infra-common';
import {
  TerraformRunner,
  describeTerraformError,
  hashPlanFile,
  parsePlanReview,
} from '@internal/plugin-terraform-node';
import { readFile } from 'node:fs/promises';
import { InfraStore } from '../database/InfraStore';
import { estimateCostOfChanges } from '../cost/estimateCost';
import { managedResourceChangesOf } from '../plan/resourceChanges';
import { PriceList } from '../cost/listPrices';
import { Guardrail } from '../guardrails/compileGuardrails';
import {
  describeGuardrailResult,
  evaluateGuardrails,
} from '../guardrails/evaluateGuardrails';
import { ApprovalTracker } from './ApprovalTracker';
import { Clock } from './clock';
import { LogWriter } from './LogWriter';
import { RequestLifecycle } from './RequestLifecycle';
import { StepTimings } from './StepTimings';
import { TerraformSettings, writeRequestModule } from './requestModule';
import { RequestNotifier } from './RequestNotifier';
import { Workspaces } from './Workspaces';

/**
 * The plan job: renders the root module, runs init and plan, stores the plan file, its
 * hash and summary, and opens the approval on the requester's behalf. A plan is safe to
 * repeat, so a plan whose worker died is simply claimed and run again.
 */
export class Planner {
  constructor(
    private readonly deps: {
      store: InfraStore;
      runner: TerraformRunner;
      workspaces: Workspaces;
      settings: TerraformSettings;
      tracker: ApprovalTracker;
      lifecycle: RequestLifecycle;
      notifier: RequestNotifier;
      auditor: AuditorService;
      logger: LoggerService;
      clock: Clock;
      /** Checked on every plan; a `deny` broken fails the request before approval. */
      guardrails: Guardrail[];
      /** The list prices the plan's cost is estimated at. */
      prices: PriceList;
    },
  ) {}

  /**
   * Plans a request this worker (`claimer`) holds the claim of. When `signal` aborts (the
   * replica is shutting down and hands the plan back) the Terraform process is stopped and
   * this rejects without failing the request: planning again elsewhere is safe.
   */
  async run(
    requestId: string,
    claimer: string,
    signal?: AbortSignal,
  ): Promise<void> {
    const { store, runner, workspaces, settings, notifier, logger } = this.deps;
    const request = await store.getRequest(requestId);
    if (request?.status !== 'planning') return;
    // How long the request waited for a free worker: Terraform time of other requests.
    const queuedMs =
      this.deps.clock.now().getTime() - Date.parse(request.createdAt);
    const log = new LogWriter(
      store,
      request.id,
      () => notifier.logged(request),
      logger,
      this.deps.clock,
    );
    const auditorEvent = await this.deps.auditor.createEvent({
      eventId: 'infra-request-plan',
      severityLevel: 'medium',
      meta: {
        requestId: request.id,
        operation: request.operation,
        requester: request.requesterRef,
      },
    });
    let planned: InfraRequest | undefined;
    try {
      const dir = await writeRequestModule(workspaces, settings, request);
      const planFile = workspaces.planPathOf(request.resourceId, request.id);
      log.write(
        `Planning ${request.operation} of ${request.kind} ${request.resourceName}`,
        'gantry',
      );
      const timings = new StepTimings();
      await timings.time('init', () => runner.init(dir, log.write, signal));
      await timings.time('plan', () =>
        runner.plan(dir, {
          planFile,
          destroy: request.operation === 'destroy',
          onLog: log.write,
          signal,
        }),
      );
      const planJson = await timings.time('show', () =>
        runner.showPlanJson(dir, planFile, signal),
      );
      // A document that does not parse fails the plan: never stored as an empty plan.
      const summary = parsePlanReview(planJson);
      // The guardrails and the estimate read the same changes: validated once.
      const changes = managedResourceChangesOf(planJson);
      const guardrails = evaluateGuardrails(
        this.deps.guardrails,
        changes,
        request,
      );
      for (const result of guardrails.filter(r => r.outcome !== 'passed')) {
        log.write(describeGuardrailResult(result), 'gantry');
      }
      const costEstimate = estimateCostOfChanges(changes, this.deps.prices);
      log.write(costEstimateText(costEstimate), 'gantry');
      log.write(
        `Terraform time: ${timings}; queued ${queuedMs} ms for a worker`,
        'gantry',
      );
      const planHash = await hashPlanFile(planFile);
      const bytes = await readFile(planFile);
      log.write(
        `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy. Plan hash ${planHash}`,
        'gantry',
      );
      await log.flush();
      planned = await store.transition(
        request.id,
        ['planning'],
        'planned',
        {
          planHash,
          planSummary: summary,
          guardrails,
          costEstimate,
          planFile: bytes,
        },
        this.deps.clock.now(),
        { claimedBy: claimer },
      );
      if (!planned) {
        // Another worker took the plan over (this one stopped reporting); its result counts.
        logger.warn(`Plan of ${request.id} was taken over; result dropped`);
        await auditorEvent.fail({ error: new Error('plan taken over') });
        return;
      }
      await auditorEvent.success({ meta: { planHash } });
      notifier.changed(planned);
      const denied = deniedBy(guardrails);
      if (denied.length > 0) {
        // Refused before approval: nobody is asked to approve what the rules forbid.
        await this.deps.lifecycle.fail(
          planned,
          ['planned'],
          `Refused by the guardrails: ${denied
            .map(describeGuardrailResult)
            .join(' ')}`,
          { nothingApplied: true },
        );
        return;
      }
    } catch (error) {
      if (signal?.aborted) {
        // Handed back, not failed: whatever broke, the plan runs again on another replica.
        log.write(`Plan stopped: ${(error as Error).message}`, 'gantry');
        await log.flush();
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
      log.write(`Plan failed: ${(error as Error).message}`, 'gantry');
      const reason = `Plan failed: ${describeTerraformError(error)}`;
      await log.flush();
      await this.deps.lifecycle.fail(request, ['planning'], reason, {
        nothingApplied: true,
        claimedBy: claimer,
      });
      await auditorEvent.fail({ error: error as Error });
      return;
    }
    await this.openApproval(planned);
  }

  /**
   * Opens the approval of a planned request. When the approvals service cannot be reached
   * the request stays `planned`, and the sweeper tries again.
   */
  async openApproval(request: InfraRequest): Promise<void> {
    try {
      await this.deps.tracker.open(request);
    } catch (error) {
      this.deps.logger.warn(
        `Could not open the approval of ${request.id}; the sweeper retries: ${error}`,
      );
    }
  }
}
