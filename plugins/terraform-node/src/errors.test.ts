import { TerraformCommandError, describeTerraformError } from './errors';

describe('describeTerraformError', () => {
  it('says when no binary could be run', () => {
    expect(
      describeTerraformError(
        new TerraformCommandError(
          'Could not run terraform: spawn terraform ENOENT',
          null,
          '',
        ),
      ),
    ).toBe(
      'No Terraform binary found; install terraform >= 1.5 or tofu, or set `infra.terraform.binary`',
    );
  });

  it('says in one line that providers cannot be installed, as terraform 1.11 reports it offline', () => {
    const stderr = [
      '╷',
      '│ Error: Failed to query available provider packages',
      '│ ',
      '│ Could not retrieve the list of available versions for provider hashicorp/aws:',
      '│ could not connect to registry.terraform.io: failed to request discovery',
      '╵',
    ].join('\n');
    const line = describeTerraformError(
      new TerraformCommandError(
        `/usr/bin/terraform init failed with exit code 1: ${stderr}`,
        1,
        stderr,
      ),
    );
    expect(line).toMatch(
      /^The providers of this environment cannot be installed here/,
    );
    expect(line).not.toContain('\n');
  });

  it("keeps the command and Terraform's own error summary, without the binary's folder", () => {
    const stderr =
      '╷\n│ Error: Saved plan does not match the given state\n│ \n│ details\n╵';
    expect(
      describeTerraformError(
        new TerraformCommandError(
          `/opt/tf/bin/terraform apply failed with exit code 1: ${stderr}`,
          1,
          stderr,
        ),
      ),
    ).toBe(
      'terraform apply failed with exit code 1: Saved plan does not match the given state',
    );
  });

  it('passes other errors through, first line only', () => {
    expect(describeTerraformError(new Error('first\nsecond'))).toBe('first');
  });
});
