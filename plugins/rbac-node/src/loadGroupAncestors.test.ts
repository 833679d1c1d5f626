import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { groupEntity, userEntity } from '@internal/plugin-api-node/testUtils';
import { loadGroupAncestors } from './loadGroupAncestors';

const credentials = mockCredentials.service('plugin:auth');

describe('loadGroupAncestors', () => {
  it('finds every group above the given ones, to any depth, once each', async () => {
    const catalog = catalogServiceMock({
      entities: [
        groupEntity('company'),
        groupEntity('engineering', 'company'),
        groupEntity('team-payments', 'engineering'),
        groupEntity('developers', 'engineering'),
        groupEntity('unrelated'),
        userEntity('dev', ['team-payments', 'developers']),
      ],
    });
    await expect(
      loadGroupAncestors(
        catalog,
        ['group:default/team-payments', 'group:default/developers'],
        credentials,
      ),
    ).resolves.toEqual(['group:default/company', 'group:default/engineering']);
  });

  it('walks a cycle once and leaves out the groups it started from', async () => {
    const a = groupEntity('a', 'b');
    const b = groupEntity('b', 'a');
    const catalog = catalogServiceMock({ entities: [a, b] });
    await expect(
      loadGroupAncestors(catalog, ['group:default/a'], credentials),
    ).resolves.toEqual(['group:default/b']);
  });

  it('ignores refs the catalog does not hold', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    await expect(
      loadGroupAncestors(catalog, ['group:default/gone'], credentials),
    ).resolves.toEqual([]);
  });
});
