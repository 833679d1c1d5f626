import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TerraformAbortedError } from './errors';
import { TerraformRunner } from './TerraformRunner';

// The CLI test double; see src/__fixtures__/fake-terraform/README.md.
const FAKE = resolve(__dirname, '__fixtures__/fake-terraform/terraform');
chmodSync(FAKE, 0o755);

function workdir() {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-tf-abort-'));
  writeFileSync(
    join(dir, 'resources.json'),
    JSON.stringify({
      resources: [
        { type: 'aws_s3_bucket', name: 'this', attributes: { bucket: 'b' } },
      ],
    }),
  );
  return dir;
}

/** The pids the double logged for `command`. */
function pidsOf(pidLog: string, command: string): number[] {
  if (!existsSync(pidLog)) return [];
  return readFileSync(pidLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as { pid: number; argv: string[] })
    .filter(entry => entry.argv[0] === command)
    .map(entry => entry.pid);
}

/** Whether a process with this pid exists (a zombie counts: it is not reaped yet). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function waitForPid(pidLog: string, command: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [pid] = pidsOf(pidLog, command);
    if (pid) return pid;
    if (Date.now() > deadline) throw new Error(`No ${command} started`);
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('TerraformRunner with an AbortSignal', () => {
  it('stops a running plan on abort: the process is gone when the promise rejects', async () => {
    const dir = workdir();
    const pidLog = join(dir, 'pids.jsonl');
    const runner = new TerraformRunner({
      binary: FAKE,
      timeoutMs: 30_000,
      env: {
        FAKE_TERRAFORM_PLAN_SLEEP_MS: '20000',
        FAKE_TERRAFORM_PID_LOG: pidLog,
      },
    });
    await runner.init(dir);
    const controller = new AbortController();
    const planning = runner
      .plan(dir, {
        planFile: join(dir, 'plan.tfplan'),
        signal: controller.signal,
      })
      .catch(e => e);
    const pid = await waitForPid(pidLog, 'plan');
    expect(exists(pid)).toBe(true);

    const abortedAt = Date.now();
    controller.abort(new Error('the backend is shutting down'));
    const error = await planning;
    const stoppedInMs = Date.now() - abortedAt;

    expect(error).toBeInstanceOf(TerraformAbortedError);
    expect(error.message).toMatch(
      /plan was stopped; caused by Error: the backend is shutting down$/,
    );
    expect(exists(pid)).toBe(false);
    // SIGTERM ends the double at once; far below the 20 s it would have planned.
    expect(stoppedInMs).toBeLessThan(1_000);
    expect(existsSync(join(dir, 'plan.tfplan'))).toBe(false);
  });

  it('kills a process that ignores SIGTERM with SIGKILL after the kill grace', async () => {
    const dir = workdir();
    const pidLog = join(dir, 'pids.jsonl');
    const runner = new TerraformRunner({
      binary: FAKE,
      timeoutMs: 30_000,
      killGraceMs: 400,
      env: {
        FAKE_TERRAFORM_PLAN_SLEEP_MS: '20000',
        FAKE_TERRAFORM_PID_LOG: pidLog,
        FAKE_TERRAFORM_IGNORE_SIGTERM: '1',
      },
    });
    const lines: string[] = [];
    const controller = new AbortController();
    const planning = runner
      .plan(dir, {
        planFile: join(dir, 'plan.tfplan'),
        signal: controller.signal,
        onLog: line => lines.push(line),
      })
      .catch(e => e);
    const pid = await waitForPid(pidLog, 'plan');

    const abortedAt = Date.now();
    controller.abort();
    const error = await planning;
    const stoppedInMs = Date.now() - abortedAt;

    expect(error).toBeInstanceOf(TerraformAbortedError);
    expect(exists(pid)).toBe(false);
    // It got SIGTERM first, lived through the grace, and then SIGKILL ended it.
    expect(lines).toContain('SIGTERM ignored (FAKE_TERRAFORM_IGNORE_SIGTERM)');
    expect(stoppedInMs).toBeGreaterThanOrEqual(350);
    expect(stoppedInMs).toBeLessThan(2_000);
  });

  it('starts nothing for an already aborted signal', async () => {
    const dir = workdir();
    const pidLog = join(dir, 'pids.jsonl');
    const runner = new TerraformRunner({
      binary: FAKE,
      timeoutMs: 30_000,
      env: { FAKE_TERRAFORM_PID_LOG: pidLog },
    });
    const signal = AbortSignal.abort();
    await expect(runner.init(dir, undefined, signal)).rejects.toBeInstanceOf(
      TerraformAbortedError,
    );
    await expect(
      runner.plan(dir, { planFile: join(dir, 'plan.tfplan'), signal }),
    ).rejects.toBeInstanceOf(TerraformAbortedError);
    await expect(
      runner.showPlanJson(dir, join(dir, 'plan.tfplan'), signal),
    ).rejects.toBeInstanceOf(TerraformAbortedError);
    expect(existsSync(pidLog)).toBe(false);
    expect(existsSync(join(dir, '.terraform'))).toBe(false);
  });

  it('runs to the end with a signal that never aborts', async () => {
    const dir = workdir();
    const runner = new TerraformRunner({ binary: FAKE, timeoutMs: 30_000 });
    const controller = new AbortController();
    await runner.init(dir, undefined, controller.signal);
    expect(
      await runner.plan(dir, {
        planFile: join(dir, 'plan.tfplan'),
        signal: controller.signal,
      }),
    ).toEqual({ hasChanges: true });
    // Aborting after the end changes nothing.
    controller.abort();
    expect(existsSync(join(dir, 'plan.tfplan'))).toBe(true);
  });
});
