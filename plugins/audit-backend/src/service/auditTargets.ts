import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuditTarget } from './permissionRules';

/** The entity ref in canonical form, or undefined when `ref` is not an entity ref. */
export function canonicalEntityRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return undefined;
  }
}

/**
 * Who owns an entity's audit entries: the owners the catalog relates it to, and a group or
 * user itself (a group's members see their group's activity; nothing else owns a group).
 */
export function ownerRefsOf(entity: Entity): string[] {
  const owners = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_OWNED_BY)
    .map(relation => relation.targetRef);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'group' || kind === 'user')
    owners.push(stringifyEntityRef(entity));
  return owners;
}

/**
 * The audit targets behind `refs`, in order, as the catalog shows them to `credentials`;
 * undefined for a ref that is not an entity or that the catalog does not hold.
 */
export async function loadAuditTargets(
  catalog: CatalogService,
  refs: readonly string[],
  credentials: BackstageCredentials,
): Promise<Array<AuditTarget | undefined>> {
  const canonical = refs.map(canonicalEntityRef);
  const valid = canonical.filter((ref): ref is string => ref !== undefined);
  if (valid.length === 0) return refs.map(() => undefined);
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: valid,
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
    },
    { credentials },
  );
  const byRef = new Map<string, AuditTarget>();
  valid.forEach((ref, i) => {
    const entity = items[i];
    if (entity) byRef.set(ref, { ref, ownerRefs: ownerRefsOf(entity) });
  });
  return canonical.map(ref => (ref ? byRef.get(ref) : undefined));
}
