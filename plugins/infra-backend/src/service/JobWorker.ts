import { LoggerService } from '@backstage/backend-plugin-api';
import { InfraStore } from '../database/InfraStore';
import { Applier } from './Applier';
import { Clock } from './clock';
import { Planner } from './Planner';
import { RequestLifecycle } from './RequestLifecycle';

/** Sizes and timings of a replica's job worker pool, from `infra.jobs`. */
export type JobWorkerSettings = {
  /** Plans and applies this replica runs at once. */
  workers: number;
  /** How often an idle pool looks for jobs other replicas queued. */
  pollIntervalMs: number;
  /** How often a running job reports that its worker is alive. */
  heartbeatMs: number;
  /** A job whose worker has not reported for this long is taken as dead. */
  staleAfterMs: number;
  /** A plan claimed this many times without finishing fails instead of running again. */
  maxPlanAttempts: number;
  /**
   * How long `stop` waits for running jobs. A plan still running then has its Terraform
   * process stopped and is handed back to the queue; an apply is left to the heartbeat rules.
   */
  shutdownGraceMs: number;
};

/** The defaults of {@link JobWorkerSettings}. */
export const DEFAULT_JOB_WORKER_SETTINGS: JobWorkerSettings = {
  workers: 2,
  pollIntervalMs: 2_000,
  heartbeatMs: 5_000,
  staleAfterMs: 30_000,
  maxPlanAttempts: 3,
  shutdownGraceMs: 10_000,
};

type Job = 'plan' | 'apply';

/**
 * How long `stop` waits for handed-back plans to end once told to stop. The runner sends
 * SIGTERM, then SIGKILL after its kill grace (5 s), so their Terraform processes are gone
 * well before this; it only bounds a plan stuck in something else.
 */
const PLAN_STOP_WAIT_MS = 10_000;

/**
 * One replica's pool of plan and apply workers. Jobs are rows in the database: a request
 * in `planning` is a plan job, one in `approved` an apply job. A worker claims a job with a
 * conditional UPDATE and heartbeats while it runs, so the workers of every replica share one
 * queue and each job runs on exactly one of them. Nothing here runs inside an HTTP request
 * or a scheduler lock.
 */
export class JobWorker {
  private readonly active = new Map<
    string,
    {
      job: Job;
      done: Promise<void>;
      heartbeat: NodeJS.Timeout;
      /** Plans only: stops the plan's Terraform process when it is handed back. */
      abort?: AbortController;
    }
  >();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly deps: {
      store: InfraStore;
      planner: Planner;
      applier: Applier;
      lifecycle: RequestLifecycle;
      logger: LoggerService;
      clock: Clock;
      settings: JobWorkerSettings;
      /** Identifies this replica in claims. */
      instanceId: string;
    },
  ) {}

  /** Starts polling for jobs. */
  start() {
    this.stopped = false;
    this.wake();
  }

  /** Claims no more jobs; the running ones go on. For the moment the backend starts stopping. */
  stopClaiming() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Stops claiming jobs and waits up to `shutdownGraceMs` for the running ones. A plan still
   * running then is handed back, so that another replica plans it again at once: its
   * Terraform process is stopped first (it could hold the state lock or write the
   * workspace), then its claim is released. A plan only writes its result under its own
   * claim, so nothing of the stopped one can overwrite the new one. An apply is never
   * handed back, since running it twice could change the infrastructure twice: it keeps its
   * claim, and when this replica is gone its heartbeat stops and the sweeper settles it
   * after `staleAfterMs`, as after a crash.
   */
  async stop() {
    this.stopClaiming();
    // A claim already on its way lands before the running jobs are counted.
    await this.ticking;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise(resolve => {
      timer = setTimeout(resolve, this.deps.settings.shutdownGraceMs);
    });
    await Promise.race([
      Promise.allSettled([...this.active.values()].map(a => a.done)),
      grace,
    ]);
    clearTimeout(timer);
    await this.handBackPlans();
  }

  /** Looks for jobs now, e.g. right after a request was queued on this replica. */
  wake() {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), 0);
  }

  /** How many jobs this replica runs now. */
  get running(): number {
    return this.active.size;
  }

  private async tick() {
    this.ticking = this.claimJobs().catch(error => {
      this.deps.logger.warn(`Infra job worker could not claim jobs: ${error}`);
    });
    await this.ticking;
    this.ticking = undefined;
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.wake();
      return;
    }
    this.timer = setTimeout(
      () => this.tick(),
      this.deps.settings.pollIntervalMs,
    );
    this.timer.unref();
  }

  private async claimJobs() {
    const { store, clock, settings, instanceId } = this.deps;
    const free = settings.workers - this.active.size;
    if (free <= 0) return;
    const staleBefore = new Date(clock.now().getTime() - settings.staleAfterMs);
    const candidates = await store.listClaimableJobs(staleBefore, free * 4);
    for (const { id, job } of candidates) {
      if (this.stopped || this.active.size >= settings.workers) return;
      if (this.active.has(id)) continue;
      if (job === 'plan') {
        const attempts = await store.claimPlan(
          id,
          instanceId,
          clock.now(),
          staleBefore,
        );
        if (attempts !== undefined) this.launch(id, job, attempts);
      } else if (await store.claimApply(id, instanceId, clock.now())) {
        this.launch(id, job, 1);
      }
    }
  }

  private async handBackPlans() {
    const { store, clock, instanceId, logger } = this.deps;
    // A copy: a plan that ends while this runs leaves `active`.
    const plans = [...this.active].filter(([, a]) => a.job === 'plan');
    if (plans.length === 0) return;
    for (const [, { heartbeat, abort }] of plans) {
      clearInterval(heartbeat);
      abort?.abort(new Error('the backend is shutting down'));
    }
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      Promise.allSettled(plans.map(([, a]) => a.done)).then(() => true),
      new Promise<false>(resolve => {
        timer = setTimeout(() => resolve(false), PLAN_STOP_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!stopped) {
      logger.warn(
        `Handed-back plans did not stop within ${PLAN_STOP_WAIT_MS} ms; releasing them anyway`,
      );
    }
    for (const [id] of plans) {
      try {
        if (await store.releasePlan(id, instanceId, clock.now())) {
          await store.appendLogs(
            id,
            [
              {
                stream: 'gantry',
                line: 'This replica is shutting down; planning starts again on another one',
              },
            ],
            clock.now(),
          );
          logger.info(`Handed the unfinished plan of ${id} back to the queue`);
        }
      } catch (error) {
        // The claim then goes stale, and another worker takes the plan after staleAfterMs.
        logger.warn(`Could not hand back the plan of ${id}: ${error}`);
      }
    }
  }

  private launch(id: string, job: Job, attempts: number) {
    const { store, clock, settings, instanceId, logger } = this.deps;
    const heartbeat = setInterval(() => {
      store
        .heartbeat(id, instanceId, clock.now())
        .catch(error =>
          logger.warn(`Heartbeat of infra ${job} ${id} failed: ${error}`),
        );
    }, settings.heartbeatMs);
    heartbeat.unref();
    // Applies are never stopped: one stopped half-way may have changed the infrastructure.
    const abort = job === 'plan' ? new AbortController() : undefined;
    const done = this.runJob(id, job, attempts, abort?.signal)
      .catch(error => {
        if (abort?.signal.aborted) {
          logger.info(`Stopped the plan of ${id} to hand it back: ${error}`);
        } else {
          logger.error(`Infra ${job} of ${id} failed: ${error}`);
        }
      })
      .finally(() => {
        clearInterval(heartbeat);
        this.active.delete(id);
        this.wake();
      });
    this.active.set(id, { job, done, heartbeat, abort });
  }

  private async runJob(
    id: string,
    job: Job,
    attempts: number,
    signal?: AbortSignal,
  ) {
    const { planner, applier, lifecycle, store, settings, instanceId } =
      this.deps;
    if (job === 'apply') {
      await applier.run(id, instanceId);
      return;
    }
    if (attempts > settings.maxPlanAttempts) {
      const request = await store.getRequest(id);
      if (request) {
        await lifecycle.fail(
          request,
          ['planning'],
          `Planning was interrupted ${
            attempts - 1
          } times (the backend running it stopped); not trying again`,
          { nothingApplied: true, claimedBy: instanceId },
        );
      }
      return;
    }
    await planner.run(id, instanceId, signal);
  }
}
