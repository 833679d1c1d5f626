import { CustomErrorBase } from '@backstage/errors';

/** The CLI exited non-zero. The message carries the exit code and the end of stderr. */
export class TerraformCommandError extends CustomErrorBase {
  name = 'TerraformCommandError' as const;
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(message);
  }
}

/** The CLI ran past its time limit and was killed. */
export class TerraformTimeoutError extends CustomErrorBase {
  name = 'TerraformTimeoutError' as const;
}

/**
 * The run was stopped through its `AbortSignal` (e.g. the backend shutting down). The
 * process is gone by the time this is thrown: it exited on SIGTERM, or was killed with
 * SIGKILL after the runner's kill grace. Not a failure of the command itself.
 */
export class TerraformAbortedError extends CustomErrorBase {
  name = 'TerraformAbortedError' as const;
}

/**
 * `terraform apply <planfile>` refused a saved plan because the state changed since planning.
 * The request must be planned again and go back for approval.
 */
export class StalePlanError extends CustomErrorBase {
  name = 'StalePlanError' as const;
  constructor(
    message: string,
    /**
     * `stale plan`: another operation changed the state since planning. `state replaced`:
     * the state is of another lineage (restored from a backup, or another workspace's).
     * Either way the plan cannot apply, and planning again against the state is safe.
     */
    readonly reason: 'stale plan' | 'state replaced' = 'stale plan',
  ) {
    super(message);
  }
}

/**
 * One readable line for a failed Terraform step, for a request's error and notifications;
 * the full output stays in the request's log.
 */
export function describeTerraformError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TerraformCommandError && error.exitCode === null) {
    if (/ENOENT/.test(message)) {
      return 'No Terraform binary found; install terraform >= 1.5 or tofu, or set `infra.terraform.binary`';
    }
    return message.split('\n')[0];
  }
  if (!(error instanceof TerraformCommandError)) return message.split('\n')[0];
  const output = error.stderrTail;
  if (
    /Failed to (query|install) (available )?provider/i.test(output) ||
    /could not connect to registry\./i.test(output)
  ) {
    return 'The providers of this environment cannot be installed here (no access to the provider registry); use the sandbox environment, or a machine with provider access';
  }
  // Terraform's diagnostics start with "Error: <summary>", often inside a box drawing.
  const summary = output
    .split('\n')
    .map(line => line.replace(/^[│╷╵\s]+/, '').trim())
    .find(line => line.startsWith('Error: '));
  // "<binary path> plan failed with exit code 1" without the binary's folder.
  const command = message.split(':')[0].replace(/^\S*\//, '');
  return summary ? `${command}: ${summary.slice('Error: '.length)}` : command;
}
