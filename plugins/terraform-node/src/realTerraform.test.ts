import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPlanFile } from './planHash';
import { parsePlanReview } from './planReview';
import { TerraformRunner } from './TerraformRunner';
import { findTerraformBinary } from './findTerraformBinary';

const binary = findTerraformBinary();
if (!binary) {
  // eslint-disable-next-line no-console
  console.warn(
    'No terraform or tofu on PATH: the real-CLI integration test is skipped (the other tests use the test double)',
  );
}
const describeWithBinary = binary ? describe : describe.skip;

describeWithBinary('TerraformRunner against a real CLI', () => {
  it('reports its version', async () => {
    const runner = new TerraformRunner({ binary: binary!, timeoutMs: 30_000 });
    expect(await runner.version()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs init, plan, show, apply, output and a destroy plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-real-tf-'));
    // terraform_data is built in: no provider to download.
    writeFileSync(
      join(dir, 'main.tf'),
      [
        'variable "label" { type = string }',
        'resource "terraform_data" "this" { input = var.label }',
        'output "label" { value = terraform_data.this.output }',
      ].join('\n'),
    );
    const runner = new TerraformRunner({
      binary: binary!,
      timeoutMs: 120_000,
    });
    await runner.init(dir);
    const vars = { label: 'gantry $(not a shell)' };
    const plan = await runner.plan(dir, { planFile: 'tfplan', vars });
    expect(plan.hasChanges).toBe(true);
    expect(await hashPlanFile(join(dir, 'tfplan'))).toMatch(/^[0-9a-f]{64}$/);
    const summary = parsePlanReview(await runner.showPlanJson(dir, 'tfplan'));
    expect(summary.add).toBe(1);
    await runner.apply(dir, 'tfplan');
    expect((await runner.output(dir)).label.value).toBe(
      'gantry $(not a shell)',
    );
    const destroy = await runner.planDestroy(dir, {
      planFile: 'destroy',
      vars,
    });
    expect(destroy.hasChanges).toBe(true);
    await runner.apply(dir, 'destroy');
  }, 180_000);
});
