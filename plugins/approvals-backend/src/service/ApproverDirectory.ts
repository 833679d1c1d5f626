import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Answers who a user is in the catalog right now: their own ref, their groups, and every
 * group above those, since a member of a child group is a member of its parents (as the
 * roles see it). Decisions use this, not the claims of the user's token, so a membership
 * removed since sign-in no longer counts.
 */
export class ApproverDirectory {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async currentClaims(userRef: string): Promise<string[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const entity = await this.catalog.getEntityByRef(userRef, { credentials });
    if (!entity) {
      return [];
    }
    const seen = new Set<string>();
    let level = targetsOf(entity, RELATION_MEMBER_OF);
    // One catalog read per level of nesting; a cycle ends when nothing new is found.
    while (level.length > 0) {
      level.forEach(ref => seen.add(ref));
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: level, fields: ['kind', 'metadata', 'relations'] },
        { credentials },
      );
      level = [
        ...new Set(items.flatMap(group => targetsOf(group, RELATION_CHILD_OF))),
      ].filter(ref => !seen.has(ref));
    }
    return [userRef, ...seen];
  }
}

function targetsOf(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);
}

/** Whether any of the claims is in the request's approver set. */
export function isInApproverSet(
  approvers: { users: string[]; groups: string[] },
  claims: string[],
): boolean {
  return [...approvers.users, ...approvers.groups].some(ref =>
    claims.includes(ref),
  );
}
