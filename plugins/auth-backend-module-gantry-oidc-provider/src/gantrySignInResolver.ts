import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthResolverCatalogUserQuery,
  AuthResolverContext,
  OAuthAuthenticatorResult,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { loadGroupAncestors } from '@internal/plugin-rbac-node';
import { identityEmailOf } from './identityEmail';
import { auditRefusedSignIn, auditSignIn } from './auditSignIn';

// The catalog's own entity name rule, so a local part never becomes a malformed ref.
const ENTITY_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

/** What Gantry's sign-in resolver needs besides the auth backend's resolver context. */
export type GantrySignInResolverOptions = {
  allowedDomains: string[];
  catalog: CatalogService;
  auth: AuthService;
  auditor: AuditorService;
};

async function findUser(
  ctx: AuthResolverContext,
  query: AuthResolverCatalogUserQuery,
): Promise<Entity | undefined> {
  try {
    return (await ctx.findCatalogUser(query)).entity;
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') return undefined;
    throw error;
  }
}

/** The message a person the catalog does not know sees on the sign-in page. */
export function unknownUserMessage(email: string): string {
  return `Signed in as ${email} as far as the identity provider is concerned, but Gantry has no user for you; ask your platform team`;
}

/**
 * Gantry's OIDC sign-in: the verified email to a catalog user's `spec.profile.email`, else,
 * for an allowed domain, the email's local part to the user's name. The token owns the user,
 * their groups and every group above them, so it agrees with the roles of docs/rbac.md.
 * Every sign-in, refused or not, is audited as `auth-login`.
 */
export function createGantrySignInResolver(
  options: GantrySignInResolverOptions,
): SignInResolver<OAuthAuthenticatorResult<OidcAuthResult>> {
  const allowedDomains = new Set(options.allowedDomains);

  return async (info, ctx) => {
    const identity = identityEmailOf(info);
    if (!identity.verified) {
      throw await auditRefusedSignIn(
        options.auditor,
        identity.email
          ? {
              reason: 'email-not-verified',
              email: identity.email,
              error: new NotAllowedError(
                `The identity provider has not verified ${identity.email}; Gantry only signs in verified emails. Ask your platform team`,
              ),
            }
          : {
              reason: 'no-email',
              error: new NotAllowedError(
                'The identity provider sent no email for this sign-in; Gantry needs one to find your user. Ask your platform team',
              ),
            },
      );
    }

    const { email } = identity;
    const at = email.lastIndexOf('@');
    const localPart = email.slice(0, at);
    const domain = email.slice(at + 1).toLowerCase();
    const entity =
      (await findUser(ctx, { filter: { 'spec.profile.email': email } })) ??
      (allowedDomains.has(domain) && ENTITY_NAME.test(localPart)
        ? await findUser(ctx, { entityRef: { kind: 'User', name: localPart } })
        : undefined);
    if (!entity) {
      throw await auditRefusedSignIn(options.auditor, {
        reason: 'unknown-user',
        email,
        error: new NotFoundError(unknownUserMessage(email)),
      });
    }

    const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(
      entity,
    );
    const ancestors = await loadGroupAncestors(
      options.catalog,
      ownershipEntityRefs.filter(ref => ref.startsWith('group:')),
      await options.auth.getOwnServiceCredentials(),
    );
    const userRef = stringifyEntityRef(entity);
    await auditSignIn(options.auditor, { email, userRef });
    return ctx.issueToken({
      claims: {
        sub: userRef,
        ent: [...new Set([...ownershipEntityRefs, ...ancestors])],
      },
    });
  };
}
