import { AuthService } from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Answers who a user is in the catalog right now: their own ref and their groups.
 * Decisions use this, not the claims of the user's token, so a membership removed since
 * sign-in no longer counts.
 */
export class ApproverDirectory {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async currentClaims(userRef: string): Promise<string[]> {
    const entity = await this.catalog.getEntityByRef(userRef, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      return [];
    }
    const groups = (entity.relations ?? [])
      .filter(relation => relation.type === RELATION_MEMBER_OF)
      .map(relation => relation.targetRef);
    return [userRef, ...groups];
  }
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
