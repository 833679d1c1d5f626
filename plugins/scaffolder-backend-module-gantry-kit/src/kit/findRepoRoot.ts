import fs from 'node:fs';
import path from 'node:path';

/**
 * The monorepo root at or above `from`: the nearest directory whose package.json declares
 * workspaces, the root `yarn new` reads the kit's configuration from. Undefined when there is
 * none, as in a bundle without the repo.
 */
export function findRepoRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (pkg.workspaces) {
        return dir;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}
