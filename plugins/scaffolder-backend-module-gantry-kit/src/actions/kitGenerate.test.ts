import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'jsonschema';
import { kitOptions, repoRoot } from '../__testUtils__/kitOptions';
import { createKitGenerateAction } from './kitGenerate';

/** Every file under `dir`, relative to it, with `/`. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry =>
      path
        .relative(dir, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join('/'),
    )
    .sort();
}

describe('gantry:kit:generate', () => {
  const workspace = createMockDirectory();
  const rootInstanceMetadata = mockServices.rootInstanceMetadata.mock({
    getInstalledPlugins: async () => [
      { pluginId: 'catalog', modules: [] },
      { pluginId: 'scaffolder', modules: [{ moduleId: 'gantry-kit' }] },
    ],
  });
  const action = createKitGenerateAction({
    kit: kitOptions(),
    rootInstanceMetadata,
  });

  beforeEach(() => {
    workspace.clear();
  });

  const contextFor = (input: { pluginId: string; publish?: string }) =>
    createMockActionContext({
      input: input as { pluginId: string },
      workspacePath: workspace.path,
    });

  it('renders the kit for the id into plugins/ of the workspace', async () => {
    const ctx = contextFor({ pluginId: 'cost-reports' });

    await action.handler(ctx);

    expect(fs.readdirSync(path.join(workspace.path, 'plugins')).sort()).toEqual(
      ['cost-reports', 'cost-reports-backend', 'cost-reports-common'],
    );
    const files = listFiles(workspace.path);
    expect(files).toContain('plugins/cost-reports-common/src/permissions.ts');
    expect(files).toContain(
      'plugins/cost-reports-backend/migrations/20260101000000_init.js',
    );
    expect(files).toContain('plugins/cost-reports-backend/.eslintrc.js');
    // Templated file names, as `yarn new` writes them.
    expect(files).toContain(
      'plugins/cost-reports/src/api/CostReportsClient.ts',
    );
    expect(files.filter(file => file.endsWith('.hbs'))).toEqual([]);
    expect(files.filter(file => file.includes('{{'))).toEqual([]);
    for (const file of files) {
      const content = fs.readFileSync(path.join(workspace.path, file), 'utf8');
      expect({ file, rendered: content.includes('{{') }).toEqual({
        file,
        rendered: false,
      });
    }

    const manifest = JSON.parse(
      fs.readFileSync(
        path.join(workspace.path, 'plugins/cost-reports-backend/package.json'),
        'utf8',
      ),
    );
    expect(manifest).toMatchObject({
      name: '@internal/plugin-cost-reports-backend',
      version: '0.1.0',
      license: 'UNLICENSED',
      private: true,
      backstage: { role: 'backend-plugin', pluginId: 'cost-reports' },
    });
    expect(Object.keys(manifest).slice(0, 4)).toEqual([
      'name',
      'version',
      'license',
      'private',
    ]);
    // Versions come from the monorepo's lockfile, as with `yarn new`.
    expect(manifest.dependencies['@internal/plugin-cost-reports-common']).toBe(
      'workspace:^',
    );
    expect(manifest.dependencies['@internal/plugin-approvals-node']).toBe(
      'workspace:^',
    );
    expect(manifest.dependencies.knex).toMatch(/^\^3\./);

    const permissions = fs.readFileSync(
      path.join(
        workspace.path,
        'plugins/cost-reports-common/src/permissions.ts',
      ),
      'utf8',
    );
    expect(permissions).toContain("'cost-reports.item.read'");
    expect(permissions).toMatch(/costReports\w*Permission/);

    expect(ctx.output).toHaveBeenCalledWith('pluginId', 'cost-reports');
    expect(ctx.output).toHaveBeenCalledWith('directories', [
      'plugins/cost-reports-common',
      'plugins/cost-reports-backend',
      'plugins/cost-reports',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('packages', [
      {
        name: '@internal/plugin-cost-reports-common',
        dir: 'plugins/cost-reports-common',
      },
      {
        name: '@internal/plugin-cost-reports-backend',
        dir: 'plugins/cost-reports-backend',
      },
      { name: '@internal/plugin-cost-reports', dir: 'plugins/cost-reports' },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('files', files);
  });

  it.each([
    ['ab', 'must be 3 to 32 characters long'],
    ['a'.repeat(33), 'must be 3 to 32 characters long'],
    ['Widgets', 'must be lowercase letters, digits and single dashes'],
    ['wid_gets', 'must be lowercase letters, digits and single dashes'],
    ['1widgets', 'must be lowercase letters, digits and single dashes'],
    ['widgets-', 'must be lowercase letters, digits and single dashes'],
    ['wid--gets', 'must be lowercase letters, digits and single dashes'],
    ['../widgets', 'must be lowercase letters, digits and single dashes'],
    [
      'widgets; rm -rf /',
      'must be lowercase letters, digits and single dashes',
    ],
    ['widgets-backend', "must not end in '-backend'"],
    ['widgets-common', "must not end in '-common'"],
  ])('refuses the id %j with an InputError', async (pluginId, message) => {
    const ctx = contextFor({ pluginId });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(fs.existsSync(path.join(workspace.path, 'plugins'))).toBe(false);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each(['ab', 'Widgets', 'wid_gets', '../widgets', 'x'.repeat(33)])(
    'lets the scaffolder reject the id %j before the handler runs',
    pluginId => {
      expect(validate({ pluginId }, action.schema?.input).valid).toBe(false);
    },
  );

  it('lets the scaffolder pass a good id to the handler', () => {
    expect(
      validate(
        { pluginId: 'cost-reports', publish: 'local' },
        action.schema?.input,
      ).errors,
    ).toEqual([]);
  });

  it.each(['approvals', 'infra', 'audit'])(
    'refuses %s, a plugin of the monorepo, with a ConflictError',
    async pluginId => {
      expect(fs.existsSync(path.join(repoRoot, 'plugins', pluginId))).toBe(
        true,
      );
      const ctx = contextFor({ pluginId });

      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          new RegExp(`^Plugin id '${pluginId}' is taken: plugins/${pluginId}`),
        ),
      });
      expect(fs.existsSync(path.join(workspace.path, 'plugins'))).toBe(false);
    },
  );

  it('refuses the id of a plugin installed in the backend', async () => {
    const ctx = contextFor({ pluginId: 'catalog' });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        "Plugin id 'catalog' is taken by a plugin installed in this backend",
    });
  });

  it('refuses a publish target other than the configured one', async () => {
    const ctx = contextFor({
      pluginId: 'cost-reports',
      publish: 'pull-request',
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message:
        "This portal publishes new plugins as 'local' (gantryKit.publish), not 'pull-request'",
    });
    expect(fs.existsSync(path.join(workspace.path, 'plugins'))).toBe(false);
  });

  it('renders for pull requests where that is the configured target', async () => {
    const prAction = createKitGenerateAction({
      kit: kitOptions({ publish: 'pull-request' }),
      rootInstanceMetadata,
    });
    const ctx = contextFor({
      pluginId: 'cost-reports',
      publish: 'pull-request',
    });

    await prAction.handler(ctx);

    expect(
      fs.existsSync(
        path.join(workspace.path, 'plugins/cost-reports-backend/package.json'),
      ),
    ).toBe(true);
  });
});

describe('gantry:kit:generate without the kit', () => {
  it('says where it looked for the templates', async () => {
    const workspace = createMockDirectory();
    const action = createKitGenerateAction({
      kit: kitOptions({ templatesDir: workspace.resolve('no-kit') }),
      rootInstanceMetadata: mockServices.rootInstanceMetadata.mock({
        getInstalledPlugins: async () => [],
      }),
    });
    const ctx = createMockActionContext({
      input: { pluginId: 'cost-reports' },
      workspacePath: workspace.resolve('workspace'),
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      `No plugin kit template at ${workspace.resolve(
        'no-kit/gantry-common',
      )} (gantryKit.templatesDir)`,
    );
  });
});
