import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { createKitTemplater } from './kitTemplater';
import { loadKitTemplate } from './loadKitTemplate';
import { completePackageManifest, PackageGlobals } from './packageManifest';
import { createVersionQuery } from './versionQuery';

/** The kit's templates, in the order a plugin family is generated: common, backend, frontend. */
export const KIT_TEMPLATES = [
  'gantry-common',
  'gantry-backend-plugin',
  'gantry-frontend-plugin',
] as const;

/** A rendered file; `path` is relative to the monorepo root, with `/`. */
export interface RenderedFile {
  path: string;
  content: string;
}

/** One rendered package of the plugin family. */
export interface RenderedPackage {
  template: string;
  /** The package folder relative to the monorepo root, `plugins/<dir>`. */
  dir: string;
  name: string;
  files: RenderedFile[];
}

const rootManifestSchema = z.object({
  backstage: z
    .object({
      cli: z
        .object({
          new: z
            .object({
              globals: z
                .object({
                  license: z.string().optional(),
                  version: z.string().optional(),
                  private: z.boolean().optional(),
                  publishRegistry: z.string().optional(),
                  namePrefix: z.string().optional(),
                  namePluginInfix: z.string().optional(),
                })
                .optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

/** `backstage.cli.new.globals` of the root package.json, with `backstage-cli new`'s defaults. */
async function readGlobals(rootDir: string) {
  const manifest = rootManifestSchema.parse(
    JSON.parse(await fs.readFile(path.join(rootDir, 'package.json'), 'utf8')),
  );
  const globals = manifest.backstage?.cli?.new?.globals ?? {};
  const namePrefix = globals.namePrefix ?? '@internal/';
  const namePluginInfix =
    globals.namePluginInfix ??
    (namePrefix.includes('backstage') ? 'plugin-' : 'backstage-plugin-');
  const packageGlobals: PackageGlobals = {
    license: globals.license ?? 'Apache-2.0',
    version: globals.version ?? '0.1.0',
    private: globals.private ?? true,
    publishRegistry: globals.publishRegistry,
  };
  return { namePrefix, namePluginInfix, packageGlobals };
}

/** The folder name `backstage-cli new` gives a plugin package of this role. */
function baseNameForRole(role: string, pluginId: string): string {
  switch (role) {
    case 'plugin-common-library':
      return `${pluginId}-common`;
    case 'plugin-node-library':
      return `${pluginId}-node`;
    case 'plugin-web-library':
      return `${pluginId}-react`;
    case 'backend-plugin':
      return `${pluginId}-backend`;
    case 'frontend-plugin':
      return pluginId;
    default:
      throw new Error(`The plugin kit has no template role ${role}`);
  }
}

/**
 * Renders the kit's three templates for one plugin id, file for file what
 * `yarn new --select <template> --option pluginId=<id>` writes into `plugins/`: same names
 * (`.hbs` stripped, paths templated), same values and helpers, same package.json fields.
 * Nothing is written; the caller decides where the files go.
 */
export async function renderPluginKit(options: {
  rootDir: string;
  templatesDir: string;
  pluginId: string;
}): Promise<RenderedPackage[]> {
  const { rootDir, templatesDir, pluginId } = options;
  const { namePrefix, namePluginInfix, packageGlobals } = await readGlobals(
    rootDir,
  );
  const versionQuery = await createVersionQuery({ rootDir });

  const rendered = new Array<RenderedPackage>();
  for (const templateName of KIT_TEMPLATES) {
    const template = await loadKitTemplate(
      path.join(templatesDir, templateName),
    );
    const baseName = baseNameForRole(template.role, pluginId);
    const name = `${namePrefix}${namePluginInfix}${baseName}`;
    const dir = `plugins/${baseName}`;
    const templater = createKitTemplater({
      // The role parameters `backstage-cli new` passes: the ones a plugin template does not
      // ask for are present but undefined, so a strict template may still test them.
      values: {
        name: undefined,
        pluginId,
        moduleId: undefined,
        pluginPackage: undefined,
        packageName: name,
      },
      templatedValues: template.values,
      versionQuery,
    });

    const files = template.files.map(file => {
      const relative = path.posix.normalize(templater.template(file.path));
      if (relative.startsWith('../') || path.posix.isAbsolute(relative)) {
        throw new Error(
          `Template ${templateName} writes ${relative}, outside its package`,
        );
      }
      let content = file.handlebars
        ? templater.template(file.content)
        : file.content;
      if (file.path === 'package.json') {
        content = completePackageManifest(content, packageGlobals);
      }
      return { path: `${dir}/${relative}`, content };
    });
    rendered.push({ template: template.name, dir, name, files });
  }
  return rendered;
}

/** Writes rendered packages under `targetRoot`, refusing to replace any existing file. */
export async function writeRenderedPackages(
  targetRoot: string,
  packages: RenderedPackage[],
): Promise<void> {
  for (const pkg of packages) {
    for (const file of pkg.files) {
      const target = path.join(targetRoot, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content, { flag: 'wx' });
    }
  }
}
