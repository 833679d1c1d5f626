import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { userEntity } from '@internal/plugin-api-node/testUtils';
import { LiveRbac } from './LiveRbac';

/** A catalog that is still empty for its first `emptyReads` reads, as at start-up. */
function ingestingCatalog(entities: Entity[], emptyReads: number) {
  const empty = catalogServiceMock({ entities: [] });
  const full = catalogServiceMock({ entities });
  let reads = 0;
  const catalog: Pick<CatalogService, 'streamEntities'> = {
    streamEntities(request, options) {
      reads += 1;
      return (reads <= emptyReads ? empty : full).streamEntities(
        request,
        options,
      );
    },
  };
  return { catalog: catalog as CatalogService, reads: () => reads };
}

describe('LiveRbac', () => {
  it('reads groups again within seconds while the catalog holds no users yet', async () => {
    const { catalog, reads } = ingestingCatalog(
      [userEntity('dev', ['developers']) as Entity],
      1,
    );
    const live = new LiveRbac({
      config: mockServices.rootConfig({
        data: { gantry: { rbac: { groupRefreshSeconds: 60, roles: [] } } },
      }),
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    live.start();
    try {
      await live.ready();
      expect(live.engine().groups.groupsOf('user:default/dev')).toEqual([]);

      const deadline = Date.now() + 8_000;
      while (
        live.engine().groups.groupsOf('user:default/dev').length === 0 &&
        Date.now() < deadline
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      // Well before the 60 s refresh.
      expect(live.engine().groups.groupsOf('user:default/dev')).toEqual([
        'group:default/developers',
      ]);
      expect(reads()).toBeGreaterThanOrEqual(2);
    } finally {
      live.stop();
    }
  });
});
