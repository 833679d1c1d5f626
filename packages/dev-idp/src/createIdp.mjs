import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider, OpenID Certified) for Gantry's
 * sample users. Its login form (oidc-provider's dev interactions) takes a login and any
 * password: it is for tests and local use, never for production.
 *
 * @param {{ issuer: string, client: { clientId: string, clientSecret: string, redirectUris: string[] }, accounts: import('./accounts.mjs').Account[] }} options
 */
export function createIdp({ issuer, client, accounts }) {
  const byLogin = new Map(accounts.map(account => [account.login, account]));

  return new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, login) {
      const account = byLogin.get(login);
      if (!account) return undefined;
      return {
        accountId: login,
        async claims() {
          return {
            sub: login,
            email: account.email,
            email_verified: account.emailVerified,
            name: account.name,
            preferred_username: login,
          };
        },
      };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    features: {
      devInteractions: { enabled: true },
      // Backstage's sign-out revokes the refresh token it was given.
      revocation: { enabled: true },
    },
    // Backstage keeps a session across page loads through the refresh token; it does not ask
    // for offline_access, so hand one to the registered client anyway.
    async issueRefreshToken(_ctx, registered) {
      return registered.grantTypeAllowed('refresh_token');
    },
    // The one client is first-party: grant what it asks for without a consent screen.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ||
        ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email offline_access');
      await grant.save();
      return grant;
    },
    // Fresh keys per start: sessions do not outlive the process, which suits a test provider.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
  });
}
