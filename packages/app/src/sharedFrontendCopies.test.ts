import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Libraries every page shares. A second installed copy (under another package's own
 * node_modules) is a second copy in the bundle, and for the React-context ones a second
 * context: catalog-react 3 pickers beside a catalog-react 4 list had the catalog fetch its list
 * twice. Keep the app's and the plugins' ranges at the versions upstream's plugins ask for.
 */
const SHARED = [
  '@backstage/core-app-api',
  '@backstage/core-components',
  '@backstage/core-plugin-api',
  '@backstage/plugin-catalog-react',
  '@backstage/plugin-permission-react',
  '@backstage/plugin-signals-react',
  '@backstage/theme',
  '@backstage/ui',
  '@material-ui/core',
  '@material-ui/styles',
  'react',
  'react-dom',
  'react-router-dom',
];

const repoRoot = resolve(__dirname, '../../..');

/** Every folder whose node_modules could hold a nested copy: installed packages and workspaces. */
function owners(): string[] {
  const top = join(repoRoot, 'node_modules');
  const installed = readdirSync(top).flatMap(name =>
    name.startsWith('@')
      ? readdirSync(join(top, name)).map(scoped => join(top, name, scoped))
      : [join(top, name)],
  );
  const workspaces = ['packages', 'plugins'].flatMap(dir =>
    readdirSync(join(repoRoot, dir)).map(name => join(repoRoot, dir, name)),
  );
  return [...installed, ...workspaces];
}

describe('the frontend libraries the pages share', () => {
  it('are installed once', () => {
    const folders = owners();
    const nested = SHARED.flatMap(name =>
      folders
        .map(folder => join(folder, 'node_modules', name))
        .filter(path => existsSync(join(path, 'package.json')))
        .map(path => path.slice(repoRoot.length + 1)),
    );
    expect(nested).toEqual([]);
  });
});
