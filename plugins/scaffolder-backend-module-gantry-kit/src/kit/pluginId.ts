import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';

/** Lowercase words of letters and digits joined by single dashes, starting with a letter. */
export const PLUGIN_ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
export const PLUGIN_ID_MIN_LENGTH = 3;
export const PLUGIN_ID_MAX_LENGTH = 32;

// Suffixes the kit itself adds; an id ending in one would name packages like `x-backend-backend`.
const PACKAGE_SUFFIXES = ['-backend', '-common', '-node', '-react'];

/** The package folders a plugin family takes under `plugins/`. */
export function pluginFamilyDirs(pluginId: string): string[] {
  return [`${pluginId}-common`, `${pluginId}-backend`, pluginId];
}

/** Throws an InputError unless the id has the form of a plugin id. */
export function assertPluginIdFormat(pluginId: string): void {
  if (
    pluginId.length < PLUGIN_ID_MIN_LENGTH ||
    pluginId.length > PLUGIN_ID_MAX_LENGTH
  ) {
    throw new InputError(
      `Plugin id must be ${PLUGIN_ID_MIN_LENGTH} to ${PLUGIN_ID_MAX_LENGTH} characters long, '${pluginId}' has ${pluginId.length}`,
    );
  }
  if (!new RegExp(PLUGIN_ID_PATTERN).test(pluginId)) {
    throw new InputError(
      `Plugin id '${pluginId}' must be lowercase letters, digits and single dashes, starting with a letter (like 'access-requests')`,
    );
  }
  const suffix = PACKAGE_SUFFIXES.find(s => pluginId.endsWith(s));
  if (suffix) {
    throw new InputError(
      `Plugin id '${pluginId}' must not end in '${suffix}'; the kit adds the package suffixes itself`,
    );
  }
}

/**
 * Throws a ConflictError when the id is already taken: by a folder of the family under the
 * monorepo's `plugins/`, or by a plugin installed in this backend (two backend plugins cannot
 * share an id).
 */
export function assertPluginIdFree(
  pluginId: string,
  options: { rootDir: string; installedPluginIds: Iterable<string> },
): void {
  for (const dir of pluginFamilyDirs(pluginId)) {
    if (fs.existsSync(path.join(options.rootDir, 'plugins', dir))) {
      throw new ConflictError(
        `Plugin id '${pluginId}' is taken: plugins/${dir} already exists`,
      );
    }
  }
  for (const installed of options.installedPluginIds) {
    if (installed === pluginId) {
      throw new ConflictError(
        `Plugin id '${pluginId}' is taken by a plugin installed in this backend`,
      );
    }
  }
}
