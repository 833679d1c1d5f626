import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import {
  StalePlanError,
  TerraformAbortedError,
  TerraformCommandError,
  TerraformTimeoutError,
} from './errors';

/** Receives the CLI's output line by line, already redacted. */
export type LogSink = (line: string, stream: 'stdout' | 'stderr') => void;

/** How to run the CLI. */
export type TerraformRunnerOptions = {
  /** `terraform` or `tofu`, a name on PATH or an absolute path. */
  binary: string;
  logger?: LoggerService;
  /** Per command; the process is killed past it. Default 30 minutes. */
  timeoutMs?: number;
  /** Extra environment, e.g. provider credentials. Values of secret-looking names are redacted from logs. */
  env?: Record<string, string>;
  /**
   * How long plan and apply wait for the state lock (`-lock-timeout`). Default 300 s. With
   * the `pg` backend, creating any new state takes one database-wide lock, so two first
   * plans of different resources would otherwise fail at once instead of waiting.
   */
  lockTimeoutSeconds?: number;
  /**
   * How long a process stopped by its time limit or its `AbortSignal` gets to exit after
   * SIGTERM (Terraform then stops its providers and releases the state lock) before it is
   * killed with SIGKILL. Default 5 s.
   */
  killGraceMs?: number;
};

/** A `terraform output -json` document. */
export type TerraformOutputs = Record<
  string,
  { value: unknown; sensitive: boolean; type?: unknown }
>;

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|KEY/i;
const DEFAULT_KILL_GRACE_MS = 5_000;

/**
 * Runs the Terraform (or OpenTofu) CLI in a working directory per request. Always with an
 * argument array and no shell, so nothing in a template parameter is ever interpreted.
 */
export class TerraformRunner {
  private readonly secrets: string[];

  constructor(private readonly options: TerraformRunnerOptions) {
    this.secrets = Object.entries({ ...process.env, ...options.env })
      .filter(
        ([name, value]) => SECRET_NAME.test(name) && value && value.length >= 4,
      )
      .map(([, value]) => value!);
  }

  /**
   * Commands that take a `signal` stop their process when it aborts and reject with
   * {@link TerraformAbortedError} once the process is gone; an already aborted signal
   * starts nothing. `apply` takes none: an apply stopped half-way may have changed the
   * infrastructure, so it always runs to its end (or its time limit).
   */
  async init(
    dir: string,
    onLog?: LogSink,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.run(dir, ['init', '-input=false', '-no-color'], {
      onLog,
      signal,
    });
  }

  /** Plans into `planFile`; `hasChanges` from `-detailed-exitcode`. */
  async plan(
    dir: string,
    options: {
      planFile: string;
      destroy?: boolean;
      vars?: Record<string, string | number | boolean>;
      onLog?: LogSink;
      signal?: AbortSignal;
    },
  ): Promise<{ hasChanges: boolean }> {
    const args = [
      'plan',
      '-input=false',
      '-no-color',
      '-detailed-exitcode',
      this.lockTimeout(),
      `-out=${options.planFile}`,
    ];
    if (options.destroy) args.push('-destroy');
    for (const [name, value] of Object.entries(options.vars ?? {})) {
      if (!VAR_NAME.test(name)) {
        throw new InputError(`Invalid terraform variable name '${name}'`);
      }
      args.push('-var', `${name}=${value}`);
    }
    const { exitCode } = await this.run(dir, args, {
      onLog: options.onLog,
      okExitCodes: [0, 2],
      signal: options.signal,
    });
    return { hasChanges: exitCode === 2 };
  }

  /** A destroy plan; apply it with {@link TerraformRunner.apply} to destroy. */
  async planDestroy(
    dir: string,
    options: {
      planFile: string;
      vars?: Record<string, string | number | boolean>;
      onLog?: LogSink;
      signal?: AbortSignal;
    },
  ): Promise<{ hasChanges: boolean }> {
    return this.plan(dir, { ...options, destroy: true });
  }

  /** The `show -json` document of a saved plan. */
  async showPlanJson(
    dir: string,
    planFile: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const { stdout } = await this.run(
      dir,
      ['show', '-json', '-no-color', planFile],
      { quiet: true, signal },
    );
    try {
      return JSON.parse(stdout);
    } catch {
      // JSON.parse quotes the text around the error, which may hold a sensitive value.
      throw new Error(
        `terraform show -json printed no valid JSON (${stdout.length} characters)`,
      );
    }
  }

  /** Applies exactly the saved plan; a stale plan throws {@link StalePlanError}. */
  async apply(dir: string, planFile: string, onLog?: LogSink): Promise<void> {
    try {
      await this.run(
        dir,
        [
          'apply',
          '-input=false',
          '-no-color',
          '-auto-approve',
          this.lockTimeout(),
          planFile,
        ],
        { onLog },
      );
    } catch (error) {
      if (
        error instanceof TerraformCommandError &&
        /Saved plan is stale/i.test(error.stderrTail)
      ) {
        throw new StalePlanError(
          'The saved plan is stale: the state changed since it was planned',
        );
      }
      if (
        error instanceof TerraformCommandError &&
        /Saved plan does not match the given state/i.test(error.stderrTail)
      ) {
        throw new StalePlanError(
          'The saved plan does not match the state: the state was replaced since it was planned',
          'state replaced',
        );
      }
      throw error;
    }
  }

  async output(dir: string): Promise<TerraformOutputs> {
    const { stdout } = await this.run(dir, ['output', '-json', '-no-color'], {
      quiet: true,
    });
    return JSON.parse(stdout);
  }

  /** The CLI's version, e.g. `1.11.4`; throws when the binary cannot be run. */
  async version(): Promise<string> {
    const { stdout } = await this.run(tmpdir(), ['version', '-json'], {
      quiet: true,
    });
    return String(JSON.parse(stdout).terraform_version);
  }

  private lockTimeout(): string {
    return `-lock-timeout=${this.options.lockTimeoutSeconds ?? 300}s`;
  }

  private redact(text: string): string {
    return this.secrets.reduce(
      (out, secret) => out.split(secret).join('***'),
      text,
    );
  }

  private run(
    dir: string,
    args: string[],
    options: {
      onLog?: LogSink;
      okExitCodes?: number[];
      quiet?: boolean;
      signal?: AbortSignal;
    },
  ): Promise<{ exitCode: number; stdout: string }> {
    const { binary, logger } = this.options;
    const timeoutMs = this.options.timeoutMs ?? 30 * 60_000;
    const killGraceMs = this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    const okExitCodes = options.okExitCodes ?? [0];
    const { signal } = options;
    // An Error reason becomes the cause, which the message then ends with.
    const aborted = () =>
      signal?.reason instanceof Error
        ? new TerraformAbortedError(
            `${binary} ${args[0]} was stopped`,
            signal.reason,
          )
        : new TerraformAbortedError(
            `${binary} ${args[0]} was stopped: ${String(
              signal?.reason ?? 'aborted',
            )}`,
          );
    if (signal?.aborted) return Promise.reject(aborted());
    logger?.info(`Running ${binary} ${args[0]} in ${dir}`);

    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, {
        cwd: dir,
        shell: false,
        env: {
          ...process.env,
          ...this.options.env,
          TF_IN_AUTOMATION: '1',
          TF_INPUT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderrLines: string[] = [];
      let timedOut = false;
      let stopped = false;
      let killTimer: NodeJS.Timeout | undefined;
      // The child is not detached: it is the only process to signal. Terraform itself stops
      // its provider plugins and releases the state lock on SIGTERM.
      const stop = () => {
        if (stopped) return;
        stopped = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
        killTimer.unref();
      };
      const onAbort = () => {
        logger?.info(`Stopping ${binary} ${args[0]} in ${dir}: aborted`);
        stop();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, timeoutMs);

      signal?.addEventListener('abort', onAbort, { once: true });
      const settled = () => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        signal?.removeEventListener('abort', onAbort);
      };

      const emit = (raw: string, name: 'stdout' | 'stderr') => {
        const line = this.redact(raw);
        if (name === 'stderr') {
          stderrLines.push(line);
          if (stderrLines.length > 50) stderrLines.shift();
        }
        if (!options.quiet || name === 'stderr') options.onLog?.(line, name);
      };
      const pipeLines = (
        stream: NodeJS.ReadableStream,
        name: 'stdout' | 'stderr',
      ) => {
        let rest = '';
        stream.on('data', (chunk: Buffer) => {
          if (name === 'stdout') stdout.push(chunk);
          const text = rest + chunk.toString();
          const lines = text.split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) emit(line, name);
        });
        stream.on('end', () => {
          if (rest) emit(rest, name);
        });
      };
      pipeLines(child.stdout!, 'stdout');
      pipeLines(child.stderr!, 'stderr');

      child.on('error', error => {
        settled();
        reject(
          new TerraformCommandError(
            `Could not run ${binary}: ${error.message}`,
            null,
            '',
          ),
        );
      });
      // An aborted run settles once the process has exited (and is reaped), without
      // waiting for pipes a grandchild may still hold open.
      child.on('exit', () => {
        if (!signal?.aborted || timedOut) return;
        settled();
        reject(aborted());
      });
      child.on('close', code => {
        settled();
        if (signal?.aborted && !timedOut) {
          reject(aborted());
          return;
        }
        if (timedOut) {
          reject(
            new TerraformTimeoutError(
              `${binary} ${args[0]} took longer than ${timeoutMs} ms and was stopped`,
            ),
          );
          return;
        }
        const tail = stderrLines.join('\n');
        if (code === null || !okExitCodes.includes(code)) {
          reject(
            new TerraformCommandError(
              `${binary} ${args[0]} failed with exit code ${code}: ${tail.slice(
                -2000,
              )}`,
              code,
              tail,
            ),
          );
          return;
        }
        resolve({ exitCode: code, stdout: Buffer.concat(stdout).toString() });
      });
    });
  }
}
