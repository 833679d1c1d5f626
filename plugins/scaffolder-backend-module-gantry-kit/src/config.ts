import { Config } from '@backstage/config';
import path from 'node:path';
import { findRepoRoot } from './kit/findRepoRoot';

/** How the new-ops-plugin template publishes its change set. */
export type GantryKitPublishTarget = 'local' | 'pull-request';

/** The `gantryKit` configuration with every default applied and every path absolute. */
export interface GantryKitOptions {
  rootDir: string;
  templatesDir: string;
  localOutputDir: string;
  publish: GantryKitPublishTarget;
}

/** Reads `gantryKit`; relative paths are resolved from `cwd`, the backend's working directory. */
export function readGantryKitOptions(
  config: Config,
  cwd: string = process.cwd(),
): GantryKitOptions {
  const kit = config.getOptionalConfig('gantryKit');
  const configuredRoot = kit?.getOptionalString('rootDir');
  // Without a monorepo around the backend the actions fail when run, saying where they
  // looked for the kit, rather than keeping the whole backend from starting.
  const rootDir = configuredRoot
    ? path.resolve(cwd, configuredRoot)
    : findRepoRoot(cwd) ?? path.resolve(cwd);
  const dir = (key: string, fallback: string) => {
    const value = kit?.getOptionalString(key);
    return value ? path.resolve(cwd, value) : path.join(rootDir, fallback);
  };
  const publish = kit?.getOptionalString('publish') ?? 'local';
  if (publish !== 'local' && publish !== 'pull-request') {
    throw new Error(
      `gantryKit.publish must be 'local' or 'pull-request', not '${publish}'`,
    );
  }
  return {
    rootDir,
    templatesDir: dir('templatesDir', 'kit/templates'),
    localOutputDir: dir('localOutputDir', '.data/gantry-kit'),
    publish,
  };
}
