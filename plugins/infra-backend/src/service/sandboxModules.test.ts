import {
  INFRA_RESOURCE_KINDS,
  InfraResourceKind,
} from '@internal/plugin-infra-common';
import {
  TerraformRunner,
  findTerraformBinary,
  parsePlanReview,
} from '@internal/plugin-terraform-node';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODULES_DIR } from '../__testUtils__/fakes';
import { MODULE_OUTPUTS, renderRootModule } from './rootModule';

jest.setTimeout(120_000);

/** The names a module declares with `kind "name" {`, e.g. its variables or outputs. */
function declared(kind: 'variable' | 'output', dir: string, file: string) {
  const text = readFileSync(join(MODULES_DIR, dir, file), 'utf8');
  return [...text.matchAll(new RegExp(`^${kind} "([\\w-]+)"`, 'gm'))]
    .map(m => m[1])
    .sort();
}

describe('sandbox modules', () => {
  it.each(INFRA_RESOURCE_KINDS)(
    'sandbox/%s has the variables and outputs of its AWS twin',
    kind => {
      const variables = declared('variable', kind, 'variables.tf');
      const outputs = declared('output', kind, 'outputs.tf');
      expect(variables.length).toBeGreaterThan(2);
      expect(declared('variable', `sandbox/${kind}`, 'variables.tf')).toEqual(
        variables,
      );
      expect(declared('output', `sandbox/${kind}`, 'outputs.tf')).toEqual(
        outputs,
      );
      // And the root module passes through exactly those outputs.
      expect([...MODULE_OUTPUTS[kind]].sort()).toEqual(outputs);
    },
  );
});

const binary = findTerraformBinary();
if (!binary) {
  // eslint-disable-next-line no-console
  console.warn(
    'No terraform or tofu on PATH: the sandbox modules are not run on a real CLI here',
  );
}
const describeWithBinary = binary ? describe : describe.skip;

const PARAMETERS: Record<InfraResourceKind, Record<string, unknown>> = {
  's3-bucket': { versioning: true },
  'ec2-instance': { instanceType: 't3.micro', subnetId: 'subnet-0abc1234' },
  vpc: { cidrBlock: '10.42.0.0/16', subnetCount: 3 },
};

describeWithBinary('the Terraform modules, checked offline', () => {
  it('are formatted as `terraform fmt` writes them, AWS modules included', () => {
    // Exit 3 and the file names when a file is not; the AWS modules cannot be planned here.
    expect(() =>
      execFileSync(binary!, ['fmt', '-check', '-recursive', '-no-color'], {
        cwd: MODULES_DIR,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('validates every module whose providers can be installed, and says which it skipped', () => {
    const skipped: string[] = [];
    for (const kind of INFRA_RESOURCE_KINDS) {
      for (const dir of [`sandbox/${kind}`, kind]) {
        const cwd = join(MODULES_DIR, dir);
        const data = mkdtempSync(join(tmpdir(), 'gantry-validate-'));
        const env = { ...process.env, TF_DATA_DIR: data };
        try {
          execFileSync(
            binary!,
            ['init', '-backend=false', '-input=false', '-no-color'],
            {
              cwd,
              env,
              stdio: 'pipe',
              timeout: 60_000,
            },
          );
        } catch {
          // The AWS provider cannot be installed without its registry.
          skipped.push(dir);
          rmSync(data, { recursive: true, force: true });
          continue;
        } finally {
          rmSync(join(cwd, '.terraform.lock.hcl'), { force: true });
        }
        try {
          execFileSync(binary!, ['validate', '-no-color'], {
            cwd,
            env,
            stdio: 'pipe',
          });
        } finally {
          rmSync(data, { recursive: true, force: true });
        }
      }
    }
    if (skipped.length > 0) {
      // eslint-disable-next-line no-console
      console.warn(
        `terraform validate skipped (providers not installable here): ${skipped.join(
          ', ',
        )}`,
      );
    }
    // The sandbox modules need no provider: they are always validated.
    expect(skipped.filter(dir => dir.startsWith('sandbox/'))).toEqual([]);
  });
});

describeWithBinary('sandbox modules on the real Terraform CLI', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gantry-sandbox-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(INFRA_RESOURCE_KINDS)(
    'plans, applies and destroys a sandbox %s offline',
    async kind => {
      const dir = join(root, kind);
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'main.tf.json'),
        renderRootModule(
          {
            resourceId: '00000000-0000-4000-8000-000000000001',
            kind,
            name: `sandbox-${kind}`,
            environment: 'sandbox',
            ownerRef: 'group:default/team-payments',
            parameters: PARAMETERS[kind] as never,
          },
          {
            modulesDir: MODULES_DIR,
            region: 'eu-west-1',
            state: { backend: 'local', path: join(dir, 'terraform.tfstate') },
          },
        ),
      );
      const runner = new TerraformRunner({
        binary: binary!,
        timeoutMs: 60_000,
      });
      const planFile = join(dir, 'create.tfplan');
      await runner.init(dir);
      await runner.plan(dir, { planFile });
      const summary = parsePlanReview(await runner.showPlanJson(dir, planFile));
      expect(summary.add).toBeGreaterThanOrEqual(1);
      expect(summary.destroy).toBe(0);
      await runner.apply(dir, planFile);
      const outputs = await runner.output(dir);
      expect(Object.keys(outputs).sort()).toEqual(
        [...MODULE_OUTPUTS[kind]].sort(),
      );
      for (const output of Object.values(outputs)) {
        expect(output.value).toBeTruthy();
      }

      const destroyFile = join(dir, 'destroy.tfplan');
      await runner.plan(dir, { planFile: destroyFile, destroy: true });
      const destroy = parsePlanReview(
        await runner.showPlanJson(dir, destroyFile),
      );
      expect(destroy.destroy).toBe(summary.add);
      await runner.apply(dir, destroyFile);
      const state = JSON.parse(
        readFileSync(join(dir, 'terraform.tfstate'), 'utf8'),
      );
      expect(state.resources).toEqual([]);
    },
  );
});
