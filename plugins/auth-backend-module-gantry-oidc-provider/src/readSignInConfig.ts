import { RootConfigService } from '@backstage/backend-plugin-api';
import { z } from 'zod';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as corp.example',
  );

// A list in YAML, or one comma-separated string where it comes from an environment variable.
const domains = z.union([
  z.array(domain),
  z
    .string()
    .transform(value => value.split(',').filter(item => item.trim()))
    .pipe(z.array(domain)),
]);

const signInConfigSchema = z.object({
  allowedDomains: domains.default([]),
});

/** Gantry's sign-in settings, `gantry.signIn`. */
export type SignInConfig = z.infer<typeof signInConfigSchema>;

/** Reads and checks `gantry.signIn`; a malformed domain stops the backend at start. */
export function readSignInConfig(config: RootConfigService): SignInConfig {
  const parsed = signInConfigSchema.safeParse(
    config.getOptional('gantry.signIn') ?? {},
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid gantry.signIn config: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
