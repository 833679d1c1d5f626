import { RootInstanceMetadataService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GantryKitOptions } from '../config';
import {
  assertPluginIdFormat,
  assertPluginIdFree,
  PLUGIN_ID_MAX_LENGTH,
  PLUGIN_ID_MIN_LENGTH,
  PLUGIN_ID_PATTERN,
} from '../kit/pluginId';
import { renderPluginKit, writeRenderedPackages } from '../kit/renderPluginKit';
import { examples } from './kitGenerate.examples';

const ACTION_ID = 'gantry:kit:generate';

/**
 * Renders the plugin kit (kit/templates) for a new plugin id into the task's workspace, as
 * `yarn new` would render it into the monorepo.
 */
export function createKitGenerateAction(options: {
  kit: GantryKitOptions;
  rootInstanceMetadata: RootInstanceMetadataService;
}) {
  const { kit, rootInstanceMetadata } = options;

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Renders the Gantry plugin kit (the gantry-common, gantry-backend-plugin and gantry-frontend-plugin ' +
      '`yarn new` templates) for a new plugin id into the workspace, at plugins/<id>-common, ' +
      'plugins/<id>-backend and plugins/<id>. Fails when the id is taken or the publish target ' +
      'is not the one configured in gantryKit.publish.',
    examples,
    // It writes only into the task's own workspace.
    supportsDryRun: true,
    schema: {
      input: {
        pluginId: z =>
          z
            .string()
            .min(PLUGIN_ID_MIN_LENGTH)
            .max(PLUGIN_ID_MAX_LENGTH)
            .regex(new RegExp(PLUGIN_ID_PATTERN))
            .describe(
              'Id of the new plugin: lowercase letters, digits and dashes, 3 to 32 characters',
            ),
        publish: z =>
          z
            .enum(['local', 'pull-request'])
            .optional()
            .describe(
              'Where the change set goes; must match gantryKit.publish (default local)',
            ),
      },
      output: {
        pluginId: z => z.string().describe('Id of the new plugin'),
        packages: z =>
          z
            .array(z.object({ name: z.string(), dir: z.string() }))
            .describe('The generated packages and their folders'),
        directories: z =>
          z
            .array(z.string())
            .describe(
              'The generated package folders, relative to the workspace',
            ),
        files: z =>
          z
            .array(z.string())
            .describe('Every generated file, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const { pluginId } = ctx.input;
      const publish = ctx.input.publish ?? 'local';
      if (publish !== kit.publish) {
        throw new InputError(
          `This portal publishes new plugins as '${kit.publish}' (gantryKit.publish), not '${publish}'`,
        );
      }
      assertPluginIdFormat(pluginId);
      const installed = await rootInstanceMetadata.getInstalledPlugins();
      assertPluginIdFree(pluginId, {
        rootDir: kit.rootDir,
        installedPluginIds: installed.map(plugin => plugin.pluginId),
      });

      const packages = await renderPluginKit({
        rootDir: kit.rootDir,
        templatesDir: kit.templatesDir,
        pluginId,
      });
      await writeRenderedPackages(ctx.workspacePath, packages);

      const files = packages
        .flatMap(pkg => pkg.files.map(file => file.path))
        .sort();
      ctx.logger.info(
        `Rendered ${
          files.length
        } files of the plugin kit for '${pluginId}': ${packages
          .map(pkg => pkg.name)
          .join(', ')}`,
      );
      ctx.output('pluginId', pluginId);
      ctx.output(
        'packages',
        packages.map(pkg => ({ name: pkg.name, dir: pkg.dir })),
      );
      ctx.output(
        'directories',
        packages.map(pkg => pkg.dir),
      );
      ctx.output('files', files);
    },
  });
}
