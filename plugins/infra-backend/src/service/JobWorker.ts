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
  /** How long `stop` waits for running jobs. */
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

/**
 * One replica's pool of plan and apply workers. Jobs are rows in the database: a request
 * in `planning` is a plan job, one in `approved` an apply job. A worker claims a job with a
 * conditional UPDATE and heartbeats while it runs, so the workers of every replica share one
 * queue and each job runs on exactly one of them. Nothing here runs inside an HTTP request
 * or a scheduler lock.
 */
export class JobWorker {
  private readonly active = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
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

  /** Stops claiming jobs, and waits a while for the running ones. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    const grace = new Promise(resolve => {
      setTimeout(resolve, this.deps.settings.shutdownGraceMs).unref();
    });
    await Promise.race([Promise.allSettled(this.active.values()), grace]);
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
    this.ticking = true;
    try {
      await this.claimJobs();
    } catch (error) {
      this.deps.logger.warn(`Infra job worker could not claim jobs: ${error}`);
    } finally {
      this.ticking = false;
    }
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

  private launch(id: string, job: 'plan' | 'apply', attempts: number) {
    const { store, clock, settings, instanceId, logger } = this.deps;
    const heartbeat = setInterval(() => {
      store
        .heartbeat(id, instanceId, clock.now())
        .catch(error =>
          logger.warn(`Heartbeat of infra ${job} ${id} failed: ${error}`),
        );
    }, settings.heartbeatMs);
    heartbeat.unref();
    const done = this.runJob(id, job, attempts)
      .catch(error => logger.error(`Infra ${job} of ${id} failed: ${error}`))
      .finally(() => {
        clearInterval(heartbeat);
        this.active.delete(id);
        this.wake();
      });
    this.active.set(id, done);
  }

  private async runJob(id: string, job: 'plan' | 'apply', attempts: number) {
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
    await planner.run(id, instanceId);
  }
}
