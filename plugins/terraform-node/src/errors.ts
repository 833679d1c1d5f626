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
 * `terraform apply <planfile>` refused a saved plan because the state changed since planning.
 * The request must be planned again and go back for approval.
 */
export class StalePlanError extends CustomErrorBase {
  name = 'StalePlanError' as const;
}
