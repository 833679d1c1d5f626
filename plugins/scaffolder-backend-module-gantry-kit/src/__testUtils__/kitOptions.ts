import path from 'node:path';
import { GantryKitOptions } from '../config';

/** The monorepo this package lives in: its real kit templates, lockfile and plugins/. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/** Options over the real kit, writing locally to `localOutputDir`. */
export function kitOptions(
  overrides: Partial<GantryKitOptions> = {},
): GantryKitOptions {
  return {
    rootDir: repoRoot,
    templatesDir: path.join(repoRoot, 'kit/templates'),
    localOutputDir: path.join(repoRoot, '.data/gantry-kit-never-written'),
    publish: 'local',
    ...overrides,
  };
}
