import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderPluginKit } from '@internal/plugin-scaffolder-backend-module-gantry-kit';

/**
 * The plugin kit (kit/templates, registered in the root package.json for `yarn new`) must
 * generate packages that pass type checking, lint and their own tests without edits.
 *
 * `yarn new` is `backstage-cli new`, which also wires a new plugin into packages/app and
 * packages/backend and runs `yarn install`. So the packages are generated into a temporary
 * copy of the monorepo's root instead: the same `backstage.cli.new` configuration, the kit,
 * the lockfile (template versions come from it), and a node_modules of links to the repo's,
 * where the generated packages are linked as `yarn install` would link them. The repo itself
 * is never touched.
 */

const repoRoot = path.resolve(__dirname, '../..');
const bin = (name: string) => path.join(repoRoot, 'node_modules/.bin', name);

type Run = { code: number; output: string };

function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Run> {
  return new Promise(resolve => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 600_000,
      },
      (error, stdout, stderr) => {
        const code =
          error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    ).stdin?.end();
  });
}

/** Every file under `dir` by its path relative to `base`, with `/`, and its content. */
function readTree(dir: string, base: string): Map<string, string> {
  const tree = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    tree.set(
      path.relative(base, file).split(path.sep).join('/'),
      fs.readFileSync(file, 'utf8'),
    );
  }
  return tree;
}

/** The end of a command's output, to read in a failed expectation. */
const tail = (result: Run) =>
  `exit ${result.code}\n${result.output.split('\n').slice(-80).join('\n')}`;

/** A temporary monorepo root that shares the repo's configuration and node_modules. */
function createScratchRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-plugin-kit-'));
  const rootPkg = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'gantry-plugin-kit-check',
        private: true,
        workspaces: ['plugins/*'],
        backstage: rootPkg.backstage,
        prettier: rootPkg.prettier,
        devDependencies: rootPkg.devDependencies,
      },
      null,
      2,
    ),
  );
  fs.symlinkSync(path.join(repoRoot, 'kit'), path.join(root, 'kit'));
  for (const file of ['yarn.lock', '.eslintrc.js']) {
    fs.copyFileSync(path.join(repoRoot, file), path.join(root, file));
  }
  fs.mkdirSync(path.join(root, 'plugins'));

  const modules = path.join(root, 'node_modules');
  fs.mkdirSync(path.join(modules, '@internal'), { recursive: true });
  for (const name of fs.readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (name === '@internal') continue;
    fs.symlinkSync(
      path.join(repoRoot, 'node_modules', name),
      path.join(modules, name),
    );
  }
  const internal = path.join(repoRoot, 'node_modules/@internal');
  for (const name of fs.readdirSync(internal)) {
    fs.symlinkSync(
      fs.realpathSync(path.join(internal, name)),
      path.join(modules, '@internal', name),
    );
  }

  fs.writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(repoRoot, 'tsconfig.json'),
      include: [
        'plugins/*/src',
        'plugins/*/config.d.ts',
        'plugins/*/migrations',
      ],
      compilerOptions: { noEmit: true, incremental: false, rootDir: '.' },
    }),
  );
  return root;
}

describe('the plugin kit (yarn new templates)', () => {
  // Unique per run, so a leftover from a killed run can never be mistaken for this one.
  const pluginId = `kit${Date.now().toString(36)}`;
  const packages = [
    {
      template: 'gantry-common',
      dir: `${pluginId}-common`,
      name: `@internal/plugin-${pluginId}-common`,
    },
    {
      template: 'gantry-backend-plugin',
      dir: `${pluginId}-backend`,
      name: `@internal/plugin-${pluginId}-backend`,
    },
    {
      template: 'gantry-frontend-plugin',
      dir: pluginId,
      name: `@internal/plugin-${pluginId}`,
    },
  ];
  let root: string;
  /** What `yarn new` wrote, read before the checks run in those folders. */
  const generated = new Map<string, string>();
  let checks: { tsc: Promise<Run>; lint: Promise<Run[]>; test: Promise<Run[]> };

  beforeAll(async () => {
    root = createScratchRoot();
    for (const pkg of packages) {
      const created = await run(
        bin('backstage-cli'),
        [
          'new',
          '--select',
          pkg.template,
          '--option',
          `pluginId=${pluginId}`,
          '--skip-install',
        ],
        { cwd: root },
      );
      // `backstage-cli new` reports a failed templating but still exits 0.
      if (!created.output.includes(`Successfully created ${pkg.template}`)) {
        throw new Error(`yarn new ${pkg.template} failed:\n${tail(created)}`);
      }
      fs.symlinkSync(
        path.join(root, 'plugins', pkg.dir),
        path.join(root, 'node_modules', pkg.name),
      );
      for (const [file, content] of readTree(
        path.join(root, 'plugins', pkg.dir),
        root,
      )) {
        generated.set(file, content);
      }
    }

    // The three checks run side by side; each test below waits for its own.
    const inEach = (args: string[], env?: NodeJS.ProcessEnv) =>
      Promise.all(
        packages.map(pkg =>
          run(bin('backstage-cli'), args, {
            cwd: path.join(root, 'plugins', pkg.dir),
            env,
          }),
        ),
      );
    checks = {
      tsc: run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root }),
      lint: inEach(['package', 'lint']),
      test: inEach(['package', 'test', '--verbose'], {
        CI: 'true',
        // Modules resolved from the repo's node_modules (resolvePackagePath in the store)
        // still find the generated packages, as they would after `yarn install`.
        NODE_PATH: path.join(root, 'node_modules'),
      }),
    };
    // Settled here, so that a failing check cannot become an unhandled rejection.
    await Promise.allSettled([checks.tsc, checks.lint, checks.test]);
  }, 600_000);

  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  });

  it('generates the common, backend and frontend packages without touching the repo', () => {
    for (const pkg of packages) {
      const manifest = JSON.parse(
        fs.readFileSync(
          path.join(root, 'plugins', pkg.dir, 'package.json'),
          'utf8',
        ),
      );
      expect(manifest.name).toBe(pkg.name);
      expect(fs.existsSync(path.join(repoRoot, 'plugins', pkg.dir))).toBe(
        false,
      );
    }
    for (const file of [
      'packages/backend/package.json',
      'packages/backend/src/index.ts',
      'packages/app/package.json',
      'packages/app/src/App.tsx',
    ]) {
      expect(fs.readFileSync(path.join(repoRoot, file), 'utf8')).not.toContain(
        pluginId,
      );
    }
  });

  it('renders the same files from the portal (gantry:kit:generate) as yarn new', async () => {
    // The scaffolder action's renderer, over the repo's own kit and lockfile as the backend
    // reads them by default, against what `yarn new` wrote above for the same id.
    const rendered = await renderPluginKit({
      rootDir: repoRoot,
      templatesDir: path.join(repoRoot, 'kit/templates'),
      pluginId,
    });

    expect(rendered.map(pkg => [pkg.name, pkg.dir])).toEqual(
      packages.map(pkg => [pkg.name, `plugins/${pkg.dir}`]),
    );
    const fromPortal = new Map(
      rendered.flatMap(pkg => pkg.files.map(file => [file.path, file.content])),
    );
    expect([...fromPortal.keys()].sort()).toEqual([...generated.keys()].sort());
    expect(generated.size).toBeGreaterThan(30);
    for (const [file, content] of generated) {
      expect({ file, content: fromPortal.get(file) }).toEqual({
        file,
        content,
      });
    }
  });

  it('type-checks', async () => {
    const result = await checks.tsc;
    expect(tail(result)).toMatch(/^exit 0/);
  });

  it('lints', async () => {
    for (const result of await checks.lint) {
      expect(tail(result)).toMatch(/^exit 0/);
    }
  });

  it('passes its own tests, the store and router ones on SQLite and PostgreSQL', async () => {
    expect(
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
    ).toBeTruthy();
    const results = await checks.test;
    for (const result of results) {
      expect(tail(result)).toMatch(/^exit 0/);
    }
    const backend = results[1].output;
    expect(backend).toMatch(/on POSTGRES_15/);
    expect(backend).toMatch(/on SQLITE_3/);
    expect(backend).not.toMatch(/skipped/);
  });
});
