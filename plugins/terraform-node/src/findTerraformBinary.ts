import { execFileSync } from 'node:child_process';

/**
 * The first of `terraform` and `tofu` that answers `version` on PATH, or undefined when
 * neither does.
 */
export function findTerraformBinary(): string | undefined {
  for (const name of ['terraform', 'tofu']) {
    try {
      execFileSync(name, ['version'], { stdio: 'ignore', timeout: 20_000 });
      return name;
    } catch {
      // not on PATH, or it does not run
    }
  }
  return undefined;
}
