import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import {
  FakeAnswer,
  ReceivedRequest,
  startFakePluginApis,
} from '../__testUtils__/fakePluginApis';
import { PermissionCatalog } from './PermissionCatalog';

const metadata = (permissions: unknown[]): FakeAnswer => ({
  status: 200,
  json: { permissions, rules: [] },
});

describe('PermissionCatalog', () => {
  let failing = true;
  const answers: Record<string, () => FakeAnswer> = {
    catalog: () =>
      metadata([
        {
          type: 'resource',
          name: 'catalog.entity.read',
          attributes: { action: 'read' },
          resourceType: 'catalog-entity',
        },
        { type: 'basic', name: 'catalog.location.create', attributes: {} },
      ]),
    // the scaffolder lists a catalog permission too; the catalog owns it
    scaffolder: () =>
      metadata([
        {
          type: 'resource',
          name: 'catalog.entity.read',
          attributes: { action: 'read' },
          resourceType: 'catalog-entity',
        },
        {
          type: 'basic',
          name: 'scaffolder.task.create',
          attributes: { action: 'create' },
        },
      ]),
    app: () => ({
      status: 200,
      text: '<html>the app</html>',
      contentType: 'text/html',
    }),
    proxy: () => ({ status: 404, json: { error: { name: 'NotFoundError' } } }),
    odd: () => ({ status: 200, json: { something: 'else' } }),
    flaky: () =>
      failing
        ? { status: 500, json: { error: { name: 'Error', message: 'boom' } } }
        : metadata([
            { type: 'basic', name: 'flaky.thing.use', attributes: {} },
          ]),
  };
  let apis: Awaited<ReturnType<typeof startFakePluginApis>>;
  // The default store, in memory: one cache for every catalog the tests make.
  const cache = CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
    'rbac',
  );
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    apis = await startFakePluginApis((request: ReceivedRequest) =>
      answers[request.pluginId](),
    );
  });
  afterAll(() => apis.close());

  const catalog = () =>
    new PermissionCatalog({
      auth: mockServices.auth({ pluginId: 'rbac' }),
      discovery: apis.discovery,
      logger,
      cache,
      instanceMetadata: mockServices.rootInstanceMetadata.mock({
        getInstalledPlugins: async () =>
          Object.keys(answers).map(pluginId => ({ pluginId, modules: [] })),
      }),
    });

  it('lists each permission once, from its owner, sorted; skips plugins without metadata', async () => {
    const permissions = await catalog().list();
    expect(permissions).toEqual([
      {
        name: 'catalog.entity.read',
        pluginId: 'catalog',
        type: 'resource',
        resourceType: 'catalog-entity',
        action: 'read',
      },
      { name: 'catalog.location.create', pluginId: 'catalog', type: 'basic' },
      {
        name: 'scaffolder.task.create',
        pluginId: 'scaffolder',
        type: 'basic',
        action: 'create',
      },
    ]);
    // only the plugin that failed is worth a warning
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not read the permissions of plugin flaky'),
    );
    // asked with a service token
    expect(apis.received.every(r => r.method === 'GET')).toBe(true);
  });

  it('keeps a complete list for a while, and never an incomplete one', async () => {
    // the first test's list lacked flaky: it was not kept
    failing = false;
    const first = await catalog().list();
    expect(first.map(p => p.name)).toContain('flaky.thing.use');

    failing = true;
    const asked = apis.received.length;
    expect((await catalog().list()).map(p => p.name)).toContain(
      'flaky.thing.use',
    );
    expect(await catalog().get('flaky.thing.use')).toMatchObject({
      pluginId: 'flaky',
    });
    expect(apis.received.length).toBe(asked);
  });
});
