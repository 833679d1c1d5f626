import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  StalePlanError,
  TerraformCommandError,
  TerraformTimeoutError,
} from './errors';
import { hashPlanFile } from './planHash';
import { parsePlanReview } from './planReview';
import { TerraformRunner } from './TerraformRunner';
import { describeTerraformError } from './errors';

// The CLI test double; see src/__fixtures__/fake-terraform/README.md.
const FAKE = resolve(__dirname, '__fixtures__/fake-terraform/terraform');
chmodSync(FAKE, 0o755);

function workdir(resources: object) {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-tf-'));
  writeFileSync(join(dir, 'resources.json'), JSON.stringify(resources));
  return dir;
}

const bucket = (versioning: boolean) => ({
  resources: [
    {
      type: 'aws_s3_bucket',
      name: 'this',
      attributes: { bucket: 'receipts', versioning },
    },
  ],
  outputs: { bucket_name: 'receipts' },
});

describe('TerraformRunner with the CLI test double', () => {
  const runner = new TerraformRunner({ binary: FAKE, timeoutMs: 10_000 });

  it('reports the version, and says plainly when there is no binary', async () => {
    expect(await runner.version()).toBe('0.0.0-test-double');
    const missing = new TerraformRunner({
      binary: '/nonexistent/terraform',
      timeoutMs: 5_000,
    });
    const error = await missing.version().catch(e => e);
    expect(describeTerraformError(error)).toMatch(/^No Terraform binary found/);
  });

  it('plans, shows, applies and reads outputs; a second plan has no changes', async () => {
    const dir = workdir(bucket(true));
    const lines: string[] = [];
    await runner.init(dir, line => lines.push(line));
    expect(lines.join('\n')).toContain('successfully initialized');

    const { hasChanges } = await runner.plan(dir, { planFile: 'tfplan' });
    expect(hasChanges).toBe(true);
    const summary = parsePlanReview(await runner.showPlanJson(dir, 'tfplan'));
    expect(summary).toMatchObject({ add: 1, change: 0, destroy: 0 });
    expect(summary.resources[0].address).toBe('aws_s3_bucket.this');

    await runner.apply(dir, 'tfplan');
    expect(await runner.output(dir)).toEqual({
      bucket_name: { value: 'receipts', type: 'string', sensitive: false },
    });
    expect((await runner.plan(dir, { planFile: 'tfplan2' })).hasChanges).toBe(
      false,
    );

    const destroy = await runner.planDestroy(dir, { planFile: 'destroy' });
    expect(destroy.hasChanges).toBe(true);
    expect(
      parsePlanReview(await runner.showPlanJson(dir, 'destroy')).destroy,
    ).toBe(1);
  });

  it('hashes the plan file: stable for one file, different after a new plan', async () => {
    const dir = workdir(bucket(true));
    await runner.plan(dir, { planFile: 'a' });
    const first = await hashPlanFile(join(dir, 'a'));
    expect(await hashPlanFile(join(dir, 'a'))).toBe(first);
    writeFileSync(join(dir, 'resources.json'), JSON.stringify(bucket(false)));
    await runner.plan(dir, { planFile: 'b' });
    expect(await hashPlanFile(join(dir, 'b'))).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a stale plan with StalePlanError', async () => {
    const dir = workdir(bucket(true));
    await runner.plan(dir, { planFile: 'old' });
    await runner.plan(dir, { planFile: 'other' });
    await runner.apply(dir, 'other');
    await expect(runner.apply(dir, 'old')).rejects.toBeInstanceOf(
      StalePlanError,
    );
  });

  it('kills a command that runs past its time limit', async () => {
    const slow = new TerraformRunner({
      binary: FAKE,
      timeoutMs: 300,
      env: { FAKE_TERRAFORM_SLEEP_MS: '5000' },
    });
    const started = Date.now();
    await expect(slow.init(workdir(bucket(true)))).rejects.toBeInstanceOf(
      TerraformTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('reports a failing command with its exit code and stderr', async () => {
    const failing = new TerraformRunner({
      binary: FAKE,
      env: { FAKE_TERRAFORM_FAIL: 'plan' },
    });
    const error = await failing
      .plan(workdir(bucket(true)), { planFile: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(TerraformCommandError);
    expect(error.exitCode).toBe(1);
    expect(error.stderrTail).toContain('plan failed');
  });

  it('passes variables as literal arguments, with no shell in between', async () => {
    const dir = workdir(bucket(true));
    const argvLog = join(dir, 'argv.log');
    const marker = join(dir, 'pwned');
    const logged = new TerraformRunner({
      binary: FAKE,
      env: { FAKE_TERRAFORM_ARGV_LOG: argvLog },
    });
    const nasty = `$(touch ${marker}); \`touch ${marker}\` && touch ${marker}`;
    await logged.plan(dir, { planFile: 'p', vars: { name: nasty } });
    expect(existsSync(marker)).toBe(false);
    const argv = JSON.parse(readFileSync(argvLog, 'utf8').trim());
    expect(argv).toContain(`name=${nasty}`);

    await expect(
      logged.plan(dir, { planFile: 'p', vars: { 'a; rm -rf /': 'x' } }),
    ).rejects.toThrow(/Invalid terraform variable name/);
  });

  it('redacts secret environment values from logs and errors', async () => {
    const secret = 'sup3r-s3cret-value';
    const dir = workdir(bucket(true));
    const leaky = new TerraformRunner({
      binary: FAKE,
      env: { AWS_SECRET_ACCESS_KEY: secret, FAKE_TERRAFORM_FAIL: 'init' },
    });
    const lines: string[] = [];
    // The double echoes nothing secret by itself, so make it fail with the secret in argv.
    await leaky.init(dir, line => lines.push(line)).catch(() => {});
    const echo = new TerraformRunner({
      binary: 'sh',
      env: { API_TOKEN: secret },
    });
    const error = await (
      echo as unknown as {
        run(d: string, a: string[], o: object): Promise<unknown>;
      }
    )
      .run(dir, ['-c', `echo ${secret}; echo ${secret} >&2; exit 3`], {
        onLog: (line: string) => lines.push(line),
      })
      .catch((e: Error) => e);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).toContain('***');
    expect(String((error as Error).message)).not.toContain(secret);
  });
});
