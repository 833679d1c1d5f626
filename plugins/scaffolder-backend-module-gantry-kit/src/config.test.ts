import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { readGantryKitOptions } from './config';
import { repoRoot } from './__testUtils__/kitOptions';

describe('readGantryKitOptions', () => {
  it('defaults to the kit, the plugins and .data of the monorepo above the working directory', () => {
    const options = readGantryKitOptions(
      new ConfigReader({}),
      path.join(repoRoot, 'packages/backend'),
    );

    expect(options).toEqual({
      rootDir: repoRoot,
      templatesDir: path.join(repoRoot, 'kit/templates'),
      localOutputDir: path.join(repoRoot, '.data/gantry-kit'),
      publish: 'local',
    });
  });

  it('resolves configured paths from the working directory', () => {
    const options = readGantryKitOptions(
      new ConfigReader({
        gantryKit: {
          rootDir: '/srv/gantry',
          templatesDir: '../../kit/templates',
          localOutputDir: '/tmp/kit-out',
          publish: 'pull-request',
        },
      }),
      '/app/packages/backend',
    );

    expect(options).toEqual({
      rootDir: '/srv/gantry',
      templatesDir: '/app/kit/templates',
      localOutputDir: '/tmp/kit-out',
      publish: 'pull-request',
    });
  });

  it('refuses an unknown publish target', () => {
    expect(() =>
      readGantryKitOptions(
        new ConfigReader({ gantryKit: { rootDir: '/srv', publish: 'email' } }),
      ),
    ).toThrow(
      "gantryKit.publish must be 'local' or 'pull-request', not 'email'",
    );
  });

  it('falls back to the working directory without a monorepo above it', () => {
    expect(readGantryKitOptions(new ConfigReader({}), '/')).toMatchObject({
      rootDir: '/',
      templatesDir: '/kit/templates',
    });
  });
});
