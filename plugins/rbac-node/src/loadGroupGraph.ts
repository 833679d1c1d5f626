import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GroupGraph, GroupNode, UserNode } from './GroupGraph';
import { relationTargets } from './relationTargets';

/**
 * Reads every group and user from the catalog, a page at a time, with only the fields the
 * graph needs. The relations are the catalog's own, so `spec.parent`, `spec.children` and
 * `spec.memberOf` have already been reconciled in both directions.
 */
export async function loadGroupGraph(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<GroupGraph> {
  const groups: GroupNode[] = [];
  const users: UserNode[] = [];
  const pages = catalog.streamEntities(
    {
      filter: { kind: ['Group', 'User'] },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      pageSize: 1000,
    },
    { credentials },
  );
  for await (const page of pages) {
    for (const entity of page) {
      const ref = stringifyEntityRef(entity);
      if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
        groups.push({
          ref,
          parents: relationTargets(entity, RELATION_CHILD_OF, 'group'),
        });
      } else {
        users.push({
          ref,
          groups: relationTargets(entity, RELATION_MEMBER_OF, 'group'),
        });
      }
    }
  }
  return new GroupGraph(groups, users);
}
