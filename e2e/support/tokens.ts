import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jws from 'jws';

/** An ES256 key pair, as PEM. */
export type KeyPair = { publicKey: string; privateKey: string };

export function generateKeyPair(): KeyPair {
  return generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/**
 * Writes the key pair and an app-config overlay that makes the auth backend sign with it
 * (upstream's static key store), so a test can mint tokens the backend would accept and then
 * spoil one claim at a time.
 */
export function writeStaticKeyStoreConfig(
  dir: string,
  keyId: string,
  keys: KeyPair,
): string {
  const publicKeyFile = join(dir, 'token-key.pub.pem');
  const privateKeyFile = join(dir, 'token-key.pem');
  writeFileSync(publicKeyFile, keys.publicKey);
  writeFileSync(privateKeyFile, keys.privateKey, { mode: 0o600 });
  const configFile = join(dir, 'app-config.keys.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      auth: {
        keyStore: {
          provider: 'static',
          static: {
            keys: [
              { keyId, publicKeyFile, privateKeyFile, algorithm: 'ES256' },
            ],
          },
        },
      },
    }),
  );
  return configFile;
}

/**
 * A Backstage user token as the auth backend issues it: `typ` header, iss, aud, sub, ent, iat,
 * exp, and `uip`, the proof plugins need to act on the user's behalf (the signature of the
 * limited-user token the backend derives from it, so its header and claims are serialized in
 * exactly the backend's order).
 */
export function userToken(options: {
  privateKey: string;
  keyId: string;
  issuer: string;
  userEntityRef: string;
  audience?: string;
  typ?: string;
  expiresInSeconds?: number;
}): string {
  const iat = Math.floor(Date.now() / 1000) - 60;
  const exp = iat + 60 + (options.expiresInSeconds ?? 3600);
  const sign = (header: jws.Header, payload: object) =>
    jws.sign({ header, payload, privateKey: options.privateKey });
  const uip = sign(
    { typ: 'vnd.backstage.limited-user', alg: 'ES256', kid: options.keyId },
    { sub: options.userEntityRef, iat, exp },
  ).split('.')[2];
  return sign(
    {
      ...(options.typ !== undefined ? { typ: options.typ } : {}),
      alg: 'ES256',
      kid: options.keyId,
    },
    {
      iss: options.issuer,
      sub: options.userEntityRef,
      ent: [options.userEntityRef],
      aud: options.audience ?? 'backstage',
      iat,
      exp,
      uip,
    },
  );
}
