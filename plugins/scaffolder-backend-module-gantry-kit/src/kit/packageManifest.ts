/** The package settings `backstage-cli new` writes into every new package.json. */
export interface PackageGlobals {
  version: string;
  license: string;
  private: boolean;
  publishRegistry?: string;
}

/**
 * Adds version, license, privacy and registry to a rendered package.json as `backstage-cli new`
 * does: existing fields are overwritten in place, missing ones go right after `name`, and the
 * result is two-space JSON without a final newline.
 */
export function completePackageManifest(
  content: string,
  globals: PackageGlobals,
): string {
  const manifest = JSON.parse(content);
  const toAdd = new Array<[string, unknown]>();
  if (manifest.version) {
    manifest.version = globals.version;
  } else {
    toAdd.push(['version', globals.version]);
  }
  if (manifest.license) {
    manifest.license = globals.license;
  } else {
    toAdd.push(['license', globals.license]);
  }
  if (globals.private) {
    if (manifest.private === false) {
      manifest.private = true;
    } else if (!manifest.private) {
      toAdd.push(['private', true]);
    }
  } else {
    delete manifest.private;
  }
  if (globals.publishRegistry) {
    if (manifest.publishConfig) {
      manifest.publishConfig = {
        ...manifest.publishConfig,
        registry: globals.publishRegistry,
      };
    } else {
      toAdd.push(['publishConfig', { registry: globals.publishRegistry }]);
    }
  }
  const entries = Object.entries(manifest);
  const nameIndex = entries.findIndex(([key]) => key === 'name');
  if (nameIndex === -1) {
    throw new Error('templated package.json does not contain a name field');
  }
  entries.splice(nameIndex + 1, 0, ...toAdd);
  return JSON.stringify(Object.fromEntries(entries), null, 2);
}
