import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const defaultOrgFile = fileURLToPath(
  new URL('../../../catalog/org.yaml', import.meta.url),
);

const list = z
  .string()
  .transform(value =>
    value
      .split(',')
      .map(item => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()).min(1));

// Environment variables, checked once at start so a typo fails loudly instead of at login.
const envSchema = z.object({
  GANTRY_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(7010),
  GANTRY_IDP_CLIENT_ID: z.string().min(1).default('gantry'),
  GANTRY_IDP_CLIENT_SECRET: z.string().min(8).default('gantry-dev-idp-secret'),
  GANTRY_IDP_REDIRECT_URIS: list.default([
    'http://localhost:7007/api/auth/oidc/handler/frame',
  ]),
  GANTRY_IDP_ORG_FILE: z.string().min(1).default(defaultOrgFile),
});

/**
 * The identity provider's settings from the environment, with defaults that match
 * `app-config.sso.yaml`.
 * @param {NodeJS.ProcessEnv} env
 */
export function readIdpConfig(env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`dev-idp: ${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    port: e.GANTRY_IDP_PORT,
    issuer: `http://127.0.0.1:${e.GANTRY_IDP_PORT}`,
    client: {
      clientId: e.GANTRY_IDP_CLIENT_ID,
      clientSecret: e.GANTRY_IDP_CLIENT_SECRET,
      redirectUris: e.GANTRY_IDP_REDIRECT_URIS,
    },
    orgFile: e.GANTRY_IDP_ORG_FILE,
  };
}
