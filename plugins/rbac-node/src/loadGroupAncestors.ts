import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GroupGraph, GroupNode } from './GroupGraph';
import { relationTargets } from './relationTargets';

/**
 * Every group above `groupRefs`, excluding them, sorted. Reads only these groups and their
 * parents, one level per catalog call, instead of the whole graph: sign-in needs one user's
 * ancestry, not everyone's. The walk itself is {@link GroupGraph}'s, so cycles are walked once.
 */
export async function loadGroupAncestors(
  catalog: CatalogService,
  groupRefs: string[],
  credentials: BackstageCredentials,
): Promise<string[]> {
  const nodes: GroupNode[] = [];
  const requested = new Set<string>();
  let frontier = [...new Set(groupRefs)];
  while (frontier.length > 0) {
    frontier.forEach(ref => requested.add(ref));
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: frontier,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const next = new Set<string>();
    for (const entity of items) {
      if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'group') {
        continue;
      }
      const parents = relationTargets(entity, RELATION_CHILD_OF, 'group');
      nodes.push({ ref: stringifyEntityRef(entity), parents });
      parents.filter(ref => !requested.has(ref)).forEach(ref => next.add(ref));
    }
    frontier = [...next];
  }
  const graph = new GroupGraph(nodes, []);
  const own = new Set(groupRefs);
  const ancestors = new Set(groupRefs.flatMap(ref => graph.ancestors(ref)));
  return [...ancestors].filter(ref => !own.has(ref)).sort();
}
