import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'jsonschema';
import { kitOptions } from '../__testUtils__/kitOptions';
import {
  renderPluginKit,
  RenderedPackage,
  writeRenderedPackages,
} from '../kit/renderPluginKit';
import { createKitWriteLocalAction } from './kitWriteLocal';

describe('gantry:kit:write-local', () => {
  const workspace = createMockDirectory();
  const output = createMockDirectory();
  const action = createKitWriteLocalAction({
    kit: kitOptions({ localOutputDir: output.path }),
  });
  let rendered: RenderedPackage[];
  let directories: string[];

  beforeAll(async () => {
    rendered = await renderPluginKit({
      ...kitOptions(),
      pluginId: 'cost-reports',
    });
    directories = rendered.map(pkg => pkg.dir);
  });

  beforeEach(async () => {
    workspace.clear();
    output.clear();
    await writeRenderedPackages(workspace.path, rendered);
  });

  const contextFor = (dirs: string[]) =>
    createMockActionContext({
      input: { directories: dirs },
      workspacePath: workspace.path,
    });

  it('copies the generated packages and outputs their diff and file list', async () => {
    const ctx = contextFor(directories);

    await action.handler(ctx);

    const renderedFiles = rendered.flatMap(pkg => pkg.files);
    for (const file of renderedFiles) {
      expect(fs.readFileSync(path.join(output.path, file.path), 'utf8')).toBe(
        file.content,
      );
    }
    const paths = renderedFiles.map(file => file.path).sort();
    expect(ctx.output).toHaveBeenCalledWith('outputDir', output.path);
    expect(ctx.output).toHaveBeenCalledWith('files', paths);

    const diff = jest
      .mocked(ctx.output)
      .mock.calls.find(([name]) => name === 'diff')?.[1] as string;
    // One addition per file, the whole file as added lines.
    expect(diff.match(/^diff --git /gm)).toHaveLength(paths.length);
    expect(diff.match(/^new file mode 100644$/gm)).toHaveLength(paths.length);
    const manifest = rendered[1].files.find(
      file => file.path === 'plugins/cost-reports-backend/package.json',
    )!;
    const manifestLines = manifest.content.split('\n');
    expect(diff).toContain(
      [
        'diff --git a/plugins/cost-reports-backend/package.json b/plugins/cost-reports-backend/package.json',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/plugins/cost-reports-backend/package.json',
        `@@ -0,0 +1,${manifestLines.length} @@`,
        ...manifestLines.map(line => `+${line}`),
        // `yarn new` writes package.json without a final newline.
        '\\ No newline at end of file',
      ].join('\n'),
    );
    expect(diff).toContain(
      '+++ b/plugins/cost-reports/src/api/CostReportsClient.ts',
    );
    expect(diff).toContain(
      '+export const costReportsPlugin = createBackendPlugin({',
    );

    const markdown = jest
      .mocked(ctx.output)
      .mock.calls.find(([name]) => name === 'markdown')?.[1] as string;
    expect(markdown).toContain(`Written under \`${output.path}\``);
    expect(markdown).toContain(
      '- `plugins/cost-reports-common/src/permissions.ts`',
    );
    expect(markdown).toContain(diff);
  });

  it('refuses to overwrite a plugin folder that exists, and writes nothing', async () => {
    output.addContent({
      'plugins/cost-reports-backend/package.json': '{"name":"mine"}',
    });
    const ctx = contextFor(directories);

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `plugins/cost-reports-backend already exists in ${output.path}; move it away or pick another plugin id`,
    });
    expect(output.content()).toEqual({
      plugins: {
        'cost-reports-backend': { 'package.json': '{"name":"mine"}' },
      },
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses a second run for the same plugin', async () => {
    await action.handler(contextFor(directories));
    const before = output.content();
    const again = contextFor(directories);

    await expect(action.handler(again)).rejects.toMatchObject({
      name: 'ConflictError',
    });
    expect(output.content()).toEqual(before);
  });

  it('refuses a folder the workspace does not hold', async () => {
    const ctx = contextFor(['plugins/not-generated']);

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'plugins/not-generated is not in the workspace; run gantry:kit:generate first',
    });
  });

  it.each([
    ['plugins/../../etc'],
    ['/etc'],
    ['plugins'],
    ['plugins/a/b'],
    ['packages/backend'],
  ])('refuses the folder %j in the handler and the schema', async dir => {
    expect(validate({ directories: [dir] }, action.schema?.input).valid).toBe(
      false,
    );
    const ctx = contextFor([dir]);

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(output.content()).toEqual({});
  });
});
