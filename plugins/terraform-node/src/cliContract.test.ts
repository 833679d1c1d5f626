import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { StalePlanError } from './errors';
import { findTerraformBinary } from './findTerraformBinary';
import { TerraformRunner } from './TerraformRunner';

jest.setTimeout(60_000);

const FAKE = resolve(__dirname, '__fixtures__/fake-terraform/terraform');
chmodSync(FAKE, 0o755);
const MODULES = resolve(__dirname, '../../../terraform/modules');
const real = findTerraformBinary();
if (!real) {
  // eslint-disable-next-line no-console
  console.warn(
    'No terraform or tofu on PATH: the CLI contract runs on the test double only',
  );
}

// The points where the test double must behave like Terraform itself; each runs on both
// where a real binary is on PATH, so the double cannot drift from it.
const binaries: Array<[string, string]> = [
  ['the CLI test double', FAKE],
  ...(real ? [[`the real ${real}`, real] as [string, string]] : []),
];

describe.each(binaries)('Terraform CLI contract on %s', (_, binary) => {
  let dir: string;
  const runner = new TerraformRunner({ binary, timeoutMs: 30_000 });
  const state = () =>
    JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-cli-contract-'));
    // A Gantry root module around the sandbox bucket: a module, a local state, one output.
    writeFileSync(
      join(dir, 'main.tf.json'),
      JSON.stringify({
        terraform: {
          backend: { local: { path: join(dir, 'terraform.tfstate') } },
        },
        module: {
          resource: {
            source: `${MODULES}/sandbox/s3-bucket`,
            name: 'contract-bucket',
            environment: 'sandbox',
            owner: 'group:default/team-payments',
          },
        },
        output: { bucket_name: { value: '${module.resource.bucket_name}' } },
      }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function applyOnce() {
    await runner.init(dir);
    const plan = join(dir, 'first.tfplan');
    expect(await runner.plan(dir, { planFile: plan })).toEqual({
      hasChanges: true,
    });
    await runner.apply(dir, plan);
  }

  it('refuses to plan before init', async () => {
    await expect(
      runner.plan(dir, { planFile: join(dir, 'x.tfplan') }),
    ).rejects.toThrow(/run "terraform init"/i);
  });

  it('plans no changes with exit code 0, shows unchanged outputs as no-op, and a no-op apply changes no resource', async () => {
    await applyOnce();
    const before = state();
    const again = join(dir, 'again.tfplan');
    expect(await runner.plan(dir, { planFile: again })).toEqual({
      hasChanges: false,
    });
    const shown = (await runner.showPlanJson(dir, again)) as {
      output_changes: Record<string, { actions: string[] }>;
    };
    expect(shown.output_changes.bucket_name.actions).toEqual(['no-op']);
    await runner.apply(dir, again);
    // Resources and outputs stay. (Terraform 1.11 may still bump the serial here: it
    // rewrites the module's check results in another order. Gantry never relies on it.)
    expect(state().resources).toEqual(before.resources);
    expect(state().outputs).toEqual(before.outputs);
  });

  it('deletes the outputs in a destroy plan', async () => {
    await applyOnce();
    const destroy = join(dir, 'destroy.tfplan');
    await runner.plan(dir, { planFile: destroy, destroy: true });
    const shown = (await runner.showPlanJson(dir, destroy)) as {
      output_changes: Record<string, { actions: string[] }>;
    };
    expect(shown.output_changes.bucket_name.actions).toEqual(['delete']);
  });

  it('tells a state of another lineage apart from a stale one', async () => {
    await applyOnce();
    const plan = join(dir, 'later.tfplan');
    await runner.plan(dir, { planFile: plan, destroy: true });
    // The state is replaced by one of another lineage (a restore, another workspace).
    writeFileSync(
      join(dir, 'terraform.tfstate'),
      JSON.stringify({ ...state(), lineage: randomUUID() }),
    );
    const error = await runner.apply(dir, plan).catch(e => e);
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.reason).toBe('state replaced');
  });

  it('calls a plan stale when another apply moved the state on', async () => {
    await runner.init(dir);
    const plan = join(dir, 'mine.tfplan');
    const other = join(dir, 'other.tfplan');
    await runner.plan(dir, { planFile: plan });
    await runner.plan(dir, { planFile: other });
    await runner.apply(dir, other);
    const error = await runner.apply(dir, plan).catch(e => e);
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.reason).toBe('stale plan');
  });
});
