import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * One person the test identity provider knows: the login typed into its form, and the claims
 * it hands out.
 * @typedef {{ login: string, email: string, emailVerified: boolean, name: string }} Account
 */

/**
 * People the identity provider knows but Gantry's catalog does not: they sign in at the
 * provider, then land on Gantry's "no user for you" page.
 * @type {Account[]}
 */
export const ACCOUNTS_UNKNOWN_TO_THE_CATALOG = [
  {
    login: 'nora',
    email: 'nora@gantry.example',
    emailVerified: true,
    name: 'Nora Newcomer',
  },
];

/**
 * Reads the catalog's User entities (`catalog/org.yaml`) and makes each one an account:
 * the login is the user's entity name, the email its `spec.profile.email`, verified.
 * @param {string} orgFile
 * @returns {Account[]}
 */
export function readCatalogAccounts(orgFile) {
  const documents = parseAllDocuments(readFileSync(orgFile, 'utf8'));
  return documents
    .map(document => document.toJS())
    .filter(entity => entity?.kind === 'User' && entity.spec?.profile?.email)
    .map(entity => ({
      login: entity.metadata.name,
      email: entity.spec.profile.email,
      emailVerified: true,
      name: entity.spec.profile.displayName ?? entity.metadata.name,
    }));
}
