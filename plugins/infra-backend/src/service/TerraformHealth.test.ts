import { TerraformRunner } from '@internal/plugin-terraform-node';
import { chmodSync } from 'node:fs';
import { FAKE_TERRAFORM } from '../__testUtils__/fakes';
import { TerraformHealth } from './TerraformHealth';

chmodSync(FAKE_TERRAFORM, 0o755);

describe('TerraformHealth', () => {
  let now = 0;
  const clock = { now: () => new Date(now) };

  it('reports the version of a binary that runs', async () => {
    const health = new TerraformHealth({
      runner: new TerraformRunner({
        binary: FAKE_TERRAFORM,
        timeoutMs: 10_000,
      }),
      binary: 'terraform',
      clock,
    });
    expect(await health.check()).toEqual({
      terraform: {
        available: true,
        binary: 'terraform',
        version: '0.0.0-test-double',
      },
    });
  });

  it('says what to do when there is no binary, and asks again after a minute', async () => {
    const runner = new TerraformRunner({
      binary: '/nonexistent/terraform',
      timeoutMs: 5_000,
    });
    const version = jest.spyOn(runner, 'version');
    const health = new TerraformHealth({ runner, binary: 'tf', clock });
    expect(await health.check()).toEqual({
      terraform: {
        available: false,
        binary: 'tf',
        message:
          'No Terraform binary found; install terraform >= 1.5 or tofu, or set `infra.terraform.binary`',
      },
    });
    await health.check();
    expect(version).toHaveBeenCalledTimes(1);
    now += 61_000;
    await health.check();
    expect(version).toHaveBeenCalledTimes(2);
  });
});
