import {
  AuthResolverContext,
  createProxyAuthenticator,
  ProfileInfo,
} from '@backstage/plugin-auth-node';
import { AuthenticationError } from '@backstage/errors';

/** The request header that carries the picked user's entity name. */
export const DEV_USER_HEADER = 'x-gantry-dev-user';

// Entity names in the default namespace: the same shape the catalog accepts.
const USER_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

/** What the dev sign-in knows about the person signing in: only a user entity name. */
export type DevSignInResult = { userName: string };

/**
 * The user's name, email and picture as the catalog has them, so that Settings shows "Dana
 * Developer" and not "dev". A user the catalog does not know gets their entity name: the
 * sign-in resolver then refuses them with its own message.
 */
async function catalogProfile(
  userName: string,
  context: AuthResolverContext,
): Promise<ProfileInfo> {
  try {
    const { entity } = await context.findCatalogUser({
      entityRef: { kind: 'User', name: userName },
    });
    const profile = (entity.spec as { profile?: ProfileInfo } | undefined)
      ?.profile;
    return {
      displayName: profile?.displayName ?? userName,
      email: profile?.email,
      picture: profile?.picture,
    };
  } catch {
    return { displayName: userName };
  }
}

/**
 * Reads the picked user from a request header. The frontend's dev sign-in page sets it;
 * the sign-in resolver then insists the user exists in the catalog.
 */
export const gantryDevAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: DevSignInResult, context) => ({
    profile: await catalogProfile(result.userName, context),
  }),
  initialize() {
    return undefined;
  },
  async authenticate({ req }) {
    const userName = req.header(DEV_USER_HEADER)?.trim();
    if (!userName) {
      throw new AuthenticationError(
        `Dev sign-in needs the ${DEV_USER_HEADER} header naming a catalog user`,
      );
    }
    if (userName.length > 63 || !USER_NAME.test(userName)) {
      throw new AuthenticationError(
        `Dev sign-in: '${userName.slice(0, 80)}' is not a valid user name`,
      );
    }
    return { result: { userName } };
  },
});
