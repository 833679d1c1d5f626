#!/usr/bin/env node
// Gantry's test identity provider: `yarn dev:idp`. See docs/sso.md.
import {
  ACCOUNTS_UNKNOWN_TO_THE_CATALOG,
  readCatalogAccounts,
} from './accounts.mjs';
import { createIdp } from './createIdp.mjs';
import { readIdpConfig } from './idpConfig.mjs';

const config = readIdpConfig(process.env);
const accounts = [
  ...readCatalogAccounts(config.orgFile),
  ...ACCOUNTS_UNKNOWN_TO_THE_CATALOG,
];
const idp = createIdp({ ...config, accounts });

const server = idp.listen(config.port, '127.0.0.1', () => {
  // The e2e support code waits for this line.
  process.stdout.write(
    `dev-idp: listening on ${config.issuer} for client ${
      config.client.clientId
    }; logins: ${accounts.map(a => a.login).join(', ')}\n`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
