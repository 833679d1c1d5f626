import { hasBackstageYarnPlugin, Lockfile } from '@backstage/cli-node';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/** The `versionQuery` template helper: the dependency range `yarn new` writes for a package. */
export type VersionQuery = (name: string, versionHint?: string) => string;

async function loadLockfile(rootDir: string): Promise<Lockfile | undefined> {
  try {
    return await Lockfile.load(path.join(rootDir, 'yarn.lock'));
  } catch {
    return undefined;
  }
}

/** The version of a package as installed in the monorepo, if it is. */
function readInstalledVersion(rootDir: string, name: string) {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(
        path.join(rootDir, 'node_modules', name, 'package.json'),
        'utf8',
      ),
    );
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The version resolution of `backstage-cli new`, over the monorepo's lockfile: a workspace
 * package is `workspace:^`; with the Backstage yarn plugin a `@backstage/` package is
 * `backstage:^`; otherwise the lockfile range that already covers the target version (the
 * hint, or the installed version), so a new package adds no duplicate to the lockfile, else
 * `^<version>`.
 */
export async function createVersionQuery(options: {
  rootDir: string;
}): Promise<VersionQuery> {
  const { rootDir } = options;
  const lockfile = await loadLockfile(rootDir);
  const preferBackstageProtocol = await hasBackstageYarnPlugin(rootDir);

  return (name, versionHint) => {
    const entries = lockfile?.get(name);
    if (entries?.some(entry => entry.range.startsWith('workspace:'))) {
      return 'workspace:^';
    }
    if (preferBackstageProtocol && name.startsWith('@backstage/')) {
      return 'backstage:^';
    }
    // `backstage-cli new` knows the versions of the Backstage packages it was released with,
    // and of no others; here the monorepo's installed version stands in, which the same
    // lockfile range covers. Any other package goes by its hint alone.
    const packageVersion = name.startsWith('@backstage/')
      ? readInstalledVersion(rootDir, name)
      : undefined;
    const targetVersion = versionHint || packageVersion;
    if (!targetVersion) {
      throw new Error(`No version available for package ${name}`);
    }
    if (
      versionHint &&
      entries &&
      semver.valid(versionHint) &&
      !semver.prerelease(versionHint)
    ) {
      // A newer release already in the lockfile wins over the hint's minimum.
      const newer = entries.filter(
        entry =>
          semver.validRange(entry.range) &&
          semver.valid(entry.version) &&
          semver.satisfies(entry.version, entry.range) &&
          !semver.prerelease(entry.version) &&
          semver.satisfies(entry.version, `^${versionHint}`),
      );
      if (newer.length > 0) {
        const highest = semver.maxSatisfying(
          newer.map(entry => entry.version),
          '*',
        );
        const highestEntries = newer.filter(entry => entry.version === highest);
        const preferred = highestEntries.filter(entry =>
          semver.satisfies(versionHint, entry.range),
        );
        return (preferred.length ? preferred : highestEntries).slice(-1)[0]
          .range;
      }
    }
    const covering = entries?.filter(entry =>
      semver.satisfies(targetVersion, entry.range),
    );
    const range = covering?.slice(-1)[0]?.range;
    if (range) {
      return range;
    }
    if (packageVersion) {
      return `^${packageVersion}`;
    }
    if (semver.parse(versionHint)?.prerelease.length) {
      return versionHint!;
    }
    return versionHint!.match(/^[\d.]+$/) ? `^${versionHint}` : versionHint!;
  };
}
