import { performance } from 'node:perf_hooks';

/**
 * How long each Terraform step of a job took, written to the request's log so that
 * Terraform's own time can be told apart from the portal's.
 */
export class StepTimings {
  private readonly steps: Array<{ step: string; ms: number }> = [];

  /** Runs `fn` and records its duration under `step`, whether it succeeds or not. */
  async time<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.steps.push({ step, ms: Math.round(performance.now() - start) });
    }
  }

  /** The total, in milliseconds. */
  get totalMs(): number {
    return this.steps.reduce((sum, s) => sum + s.ms, 0);
  }

  /** `init 12 ms, plan 2004 ms, show 31 ms (total 2047 ms)` */
  toString(): string {
    const parts = this.steps.map(s => `${s.step} ${s.ms} ms`).join(', ');
    return `${parts} (total ${this.totalMs} ms)`;
  }
}
