import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchBrowser, signInThroughIdp } from '../support/browser';
import { Idp, startIdp } from '../support/idp';
import { Portal, startPortal } from '../support/portal';
import {
  generateKeyPair,
  KeyPair,
  userToken,
  writeStaticKeyStoreConfig,
} from '../support/tokens';

// One backend and one identity provider process for every case in this file.
const repoRoot = resolve(__dirname, '../..');
const IDP_PORT = 7111;
const CLIENT_ID = 'gantry-e2e';
const CLIENT_SECRET = 'gantry-e2e-client-secret';
const KEY_ID = 'gantry-e2e-key';
const USER_TYP = 'vnd.backstage.user';

const unknownUserMessage =
  'Signed in as nora@gantry.example as far as the identity provider is concerned, but Gantry has no user for you; ask your platform team';

/** Every plugin API the token cases call: Gantry's and upstream's. */
const apis = [
  '/api/approvals/requests',
  '/api/infra/requests',
  '/api/catalog/entities?limit=1',
  '/api/scaffolder/v2/tasks',
];

describe('single sign-on through a real identity provider', () => {
  let dir: string;
  let keys: KeyPair;
  let idp: Idp;
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-sso-e2e-'));
    keys = generateKeyPair();
    const keyConfig = writeStaticKeyStoreConfig(dir, KEY_ID, keys);
    idp = await startIdp({
      port: IDP_PORT,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: 'http://localhost:7107/api/auth/oidc/handler/frame',
    });
    // app-config.sso.yaml is what `yarn start:sso` uses; the env points it at this provider.
    portal = await startPortal({
      extraConfig: [join(repoRoot, 'app-config.sso.yaml'), keyConfig],
      env: {
        GANTRY_IDP_PORT: String(IDP_PORT),
        GANTRY_IDP_CLIENT_ID: CLIENT_ID,
        GANTRY_IDP_CLIENT_SECRET: CLIENT_SECRET,
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await idp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('Backstage tokens', () => {
    const issuer = () => `${portal.baseUrl}/api/auth`;
    const statusOf = async (path: string, token: string) =>
      (
        await fetch(`${portal.baseUrl}${path}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status;

    it('accepts a well-formed token signed with the backend key (the control)', async () => {
      const token = userToken({
        privateKey: keys.privateKey,
        keyId: KEY_ID,
        issuer: issuer(),
        userEntityRef: 'user:default/ada',
        typ: USER_TYP,
      });
      for (const path of apis) {
        expect([path, await statusOf(path, token)]).not.toEqual([path, 401]);
      }
    });

    it.each([
      [
        'forged (signed with a key the backend does not have)',
        () =>
          userToken({
            privateKey: generateKeyPair().privateKey,
            keyId: KEY_ID,
            issuer: issuer(),
            userEntityRef: 'user:default/ada',
            typ: USER_TYP,
          }),
      ],
      [
        'expired',
        () =>
          userToken({
            privateKey: keys.privateKey,
            keyId: KEY_ID,
            issuer: issuer(),
            userEntityRef: 'user:default/ada',
            typ: USER_TYP,
            expiresInSeconds: -60,
          }),
      ],
      [
        'from another issuer (another Backstage, its own key)',
        () =>
          userToken({
            privateKey: generateKeyPair().privateKey,
            keyId: 'other-backstage-key',
            issuer: 'https://other-backstage.example/api/auth',
            userEntityRef: 'user:default/ada',
            typ: USER_TYP,
          }),
      ],
      [
        'for another audience',
        () =>
          userToken({
            privateKey: keys.privateKey,
            keyId: KEY_ID,
            issuer: issuer(),
            userEntityRef: 'user:default/ada',
            audience: 'some-other-service',
          }),
      ],
    ])('answers 401 to a token %s on every plugin API', async (_, mint) => {
      const token = mint();
      const statuses = await Promise.all(
        apis.map(async path => [path, await statusOf(path, token)]),
      );
      expect(statuses).toEqual(apis.map(path => [path, 401]));
    });
  });

  describe('in the browser', () => {
    const denial = 'You are not allowed to see this page';

    async function ownershipOf(page: Page): Promise<string[]> {
      // The session as the app refreshes it: the token's ownership claims.
      return page.evaluate(async () => {
        const res = await fetch(
          '/api/auth/oidc/refresh?optional&env=development',
          {
            headers: { 'X-Requested-With': 'XMLHttpRequest' },
            credentials: 'include',
          },
        );
        const body = await res.json();
        return body.backstageIdentity.identity.ownershipEntityRefs;
      });
    }

    it('signs ada in as the catalog user of her email; her groups and the groups above them reach the admin pages', async () => {
      const page = await signInThroughIdp(browser, portal.baseUrl, 'ada');
      await page
        .getByRole('heading', { name: /^Welcome/ })
        .waitFor({ timeout: 30_000 });
      expect((await ownershipOf(page)).sort()).toEqual([
        'group:default/engineering',
        'group:default/platform-admins',
        'user:default/ada',
      ]);
      await page.goto('/rbac');
      await page
        .getByText('Reads the catalog, nothing else.')
        .waitFor({ timeout: 30_000 });
      await page.context().close();
    });

    it('signs dev in through the email dana@gantry.example; a developer gets the friendly denial on the admin page', async () => {
      const page = await signInThroughIdp(browser, portal.baseUrl, 'dev');
      await page
        .getByRole('heading', { name: /^Welcome/ })
        .waitFor({ timeout: 30_000 });
      expect((await ownershipOf(page)).sort()).toEqual([
        'group:default/developers',
        'group:default/engineering',
        'group:default/team-payments',
        'user:default/dev',
      ]);
      await page.goto('/rbac');
      await page.getByText(denial).waitFor({ timeout: 30_000 });
      await page
        .getByText(/You need the admin role/)
        .waitFor({ timeout: 30_000 });
      await page.context().close();
    });

    it('tells a person the catalog does not know why, on a page of its own', async () => {
      const page = await signInThroughIdp(browser, portal.baseUrl, 'nora');
      await page
        .getByText('Gantry has no user for you', { exact: true })
        .waitFor({ timeout: 30_000 });
      expect(await page.getByRole('alert').textContent()).toBe(
        unknownUserMessage,
      );
      await page.context().close();
    });

    it('ends the session on sign-out: a reload shows the sign-in page again', async () => {
      const page = await signInThroughIdp(browser, portal.baseUrl, 'linus');
      await page
        .getByRole('heading', { name: /^Welcome/ })
        .waitFor({ timeout: 30_000 });
      await page.goto('/settings');
      await page.getByRole('button', { name: 'more' }).click();
      await page.getByRole('menuitem', { name: /sign out/i }).click();
      const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
      await signIn.waitFor({ timeout: 30_000 });
      await page.reload();
      await signIn.waitFor({ timeout: 30_000 });
      const refresh = await page.evaluate(async () => {
        const res = await fetch(
          '/api/auth/oidc/refresh?optional&env=development',
          {
            headers: { 'X-Requested-With': 'XMLHttpRequest' },
            credentials: 'include',
          },
        );
        return res.status;
      });
      expect(refresh).toBeGreaterThanOrEqual(400);
      await page.context().close();
    });
  });
});
