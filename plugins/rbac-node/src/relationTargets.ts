import { Entity } from '@backstage/catalog-model';

/** The targets of an entity's relations of one type that point at one kind. */
export function relationTargets(
  entity: Entity,
  type: string,
  kind: string,
): string[] {
  return (entity.relations ?? [])
    .filter(
      relation =>
        relation.type === type && relation.targetRef.startsWith(`${kind}:`),
    )
    .map(relation => relation.targetRef);
}
