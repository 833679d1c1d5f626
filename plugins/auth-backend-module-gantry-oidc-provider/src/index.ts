/**
 * Gantry's single sign-on: the `oidc` provider with Gantry's sign-in resolver.
 *
 * @packageDocumentation
 */

export { authModuleGantryOidcProvider as default } from './module';
export { unknownUserMessage } from './gantrySignInResolver';
