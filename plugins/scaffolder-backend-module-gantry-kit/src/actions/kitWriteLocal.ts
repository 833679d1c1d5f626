import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GantryKitOptions } from '../config';
import { AddedFile, changeSetDiff } from '../diff/additionDiff';
import { markdownFence } from '../diff/markdownFence';
import { examples } from './kitWriteLocal.examples';
import { compareByPath } from '../kit/compareByPath';

const ACTION_ID = 'gantry:kit:write-local';

// A generated package folder: exactly one level under plugins/, as gantry:kit:generate outputs.
const DIRECTORY_PATTERN = '^plugins/[a-z][a-z0-9]*(-[a-z0-9]+)*$';

async function readFiles(workspacePath: string, dir: string) {
  const root = path.join(workspacePath, dir);
  const entries = await fs
    .readdir(root, { recursive: true, withFileTypes: true })
    .catch(() => {
      throw new InputError(
        `${dir} is not in the workspace; run gantry:kit:generate first`,
      );
    });
  const files = new Array<AddedFile>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.push({
      path: path.relative(workspacePath, absolute).split(path.sep).join('/'),
      content: await fs.readFile(absolute, 'utf8'),
    });
  }
  return files;
}

async function exists(target: string) {
  return fs.stat(target).then(
    () => true,
    () => false,
  );
}

/**
 * Copies generated package folders from the workspace into gantryKit.localOutputDir and
 * outputs the change set as a unified diff of added files. Never replaces a folder there.
 */
export function createKitWriteLocalAction(options: { kit: GantryKitOptions }) {
  const { localOutputDir } = options.kit;

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Copies the package folders gantry:kit:generate rendered into the workspace to the local ' +
      'output folder (gantryKit.localOutputDir), refusing to overwrite an existing folder, and ' +
      'outputs the change set as a unified diff and a markdown summary.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        directories: z =>
          z
            .array(z.string().regex(new RegExp(DIRECTORY_PATTERN)))
            .min(1)
            .describe(
              'Package folders relative to the workspace, plugins/<dir> (the directories output of gantry:kit:generate)',
            ),
      },
      output: {
        outputDir: z =>
          z.string().describe('The folder the change set was written under'),
        files: z =>
          z
            .array(z.string())
            .describe('The written files, relative to outputDir'),
        diff: z =>
          z.string().describe('The change set as a unified diff (all added)'),
        markdown: z =>
          z
            .string()
            .describe(
              'Where the files went, their list and the diff, as markdown',
            ),
      },
    },
    async handler(ctx) {
      const { directories } = ctx.input;
      for (const dir of directories) {
        if (!new RegExp(DIRECTORY_PATTERN).test(dir)) {
          throw new InputError(
            `${dir} is not a package folder of the form plugins/<name>`,
          );
        }
      }

      const files = new Array<AddedFile>();
      for (const dir of directories) {
        files.push(...(await readFiles(ctx.workspacePath, dir)));
      }
      files.sort(compareByPath);

      const refuseExisting = async () => {
        for (const dir of directories) {
          if (await exists(path.join(localOutputDir, dir))) {
            throw new ConflictError(
              `${dir} already exists in ${localOutputDir}; move it away or pick another plugin id`,
            );
          }
        }
      };
      if (ctx.isDryRun) {
        // The template editor shows the change set and whether it could be written, writing nothing.
        await refuseExisting();
      } else {
        // After a restart the folders are already there, written by this very task.
        await ctx.checkpoint({
          key: `gantry-kit-write-local:${directories.join(',')}`,
          fn: async () => {
            await refuseExisting();
            for (const file of files) {
              const target = path.join(localOutputDir, file.path);
              await fs.mkdir(path.dirname(target), { recursive: true });
              await fs.writeFile(target, file.content, { flag: 'wx' });
            }
            return files.length;
          },
        });
      }

      const diff = changeSetDiff(files);
      const paths = files.map(file => file.path);
      ctx.logger.info(
        `${ctx.isDryRun ? 'Would write' : 'Wrote'} ${
          paths.length
        } files under ${localOutputDir}: ${directories.join(', ')}`,
      );
      ctx.output('outputDir', localOutputDir);
      ctx.output('files', paths);
      ctx.output('diff', diff);
      ctx.output(
        'markdown',
        [
          `Written under \`${localOutputDir}\`:`,
          '',
          ...paths.map(file => `- \`${file}\``),
          '',
          markdownFence(diff, 'diff'),
        ].join('\n'),
      );
    },
  });
}
