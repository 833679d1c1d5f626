import { ForwardedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { compareByPath } from './compareByPath';

/** The definition file of a `yarn new` portable template. */
export const TEMPLATE_FILE_NAME = 'portable-template.yaml';

const definitionSchema = z
  .object({
    name: z.string(),
    role: z.string(),
    description: z.string().optional(),
    values: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** One file of a template; `path` is relative, with `/`, and `.hbs` already stripped. */
export interface KitTemplateFile {
  path: string;
  content: string;
  handlebars: boolean;
}

/** A `yarn new` portable template as read from its folder. */
export interface KitTemplate {
  name: string;
  role: string;
  values: Record<string, string>;
  files: KitTemplateFile[];
}

/**
 * Reads a portable template the way `backstage-cli new` does: every file under the folder
 * except the definition, as UTF-8, with `.hbs` files marked for Handlebars.
 */
export async function loadKitTemplate(dir: string): Promise<KitTemplate> {
  const definitionPath = path.join(dir, TEMPLATE_FILE_NAME);
  const definition = await fs.readFile(definitionPath, 'utf8').catch(error => {
    throw new ForwardedError(
      `No plugin kit template at ${dir} (gantryKit.templatesDir)`,
      error,
    );
  });
  const parsed = definitionSchema.safeParse(parse(definition));
  if (!parsed.success) {
    throw new Error(
      `Invalid template definition at ${definitionPath}: ${parsed.error.message}`,
    );
  }
  const entries = await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  const files = new Array<KitTemplateFile>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    if (absolute === definitionPath) continue;
    const relative = path.relative(dir, absolute).split(path.sep).join('/');
    const content = await fs.readFile(absolute, 'utf8');
    const handlebars = relative.endsWith('.hbs');
    files.push({
      path: handlebars ? relative.slice(0, -'.hbs'.length) : relative,
      content,
      handlebars,
    });
  }
  files.sort(compareByPath);
  return {
    name: parsed.data.name,
    role: parsed.data.role,
    values: parsed.data.values ?? {},
    files,
  };
}
