import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

// shared/ sits beside the repository checkout, locally and in CI.
const dir = resolvePackagePath(
  '@internal/plugin-terraform-node',
  '../../../shared/fixtures/terraform',
);

/**
 * The real `terraform show -json` documents in `../shared/fixtures/terraform/`, read in
 * place (never copied into the repository). Tests skip with `skipReason` when absent.
 */
export const planFixtures = {
  dir,
  present: existsSync(dir),
  skipReason: `Real plan fixtures not found at ${dir}; their tests are skipped`,
  /** The fixture file names, `<case>.plan.json`. */
  names: (): string[] =>
    readdirSync(dir)
      .filter(f => f.endsWith('.plan.json'))
      .sort(),
  /** One fixture, parsed. */
  read: (name: string): unknown =>
    JSON.parse(readFileSync(resolve(dir, name), 'utf8')),
};
