import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchBrowser, signInThroughIdp } from '../support/browser';
import { Idp, startIdp } from '../support/idp';
import { Portal } from '../support/portal';
import { startProductionPortal } from '../support/productionPortal';
import {
  generateKeyPair,
  KeyPair,
  userToken,
  writeStaticKeyStoreConfig,
} from '../support/tokens';

// One backend and one identity provider process for every case in this file. The backend is
// the production profile, started the one way production runs (`yarn start:production`: the
// unpacked bundle, NODE_ENV=production, PostgreSQL, OIDC sign-in), so these cases are also
// the production profile's test. scripts/test-all.sh builds the bundle first.
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
    // app-config.production.yaml reads the provider from the environment; the only overlay is
    // the static signing key, so that the token cases can mint tokens.
    portal = await startProductionPortal({
      oidc: {
        issuer: idp.issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      extraConfig: [keyConfig],
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

  describe('the production profile', () => {
    // A real session's token: the policy looks up the user info that signing in stores.
    let adaToken: string;
    beforeAll(async () => {
      const page = await signInThroughIdp(browser, portal.baseUrl, 'ada');
      await page
        .getByRole('heading', { name: /^Welcome/ })
        .waitFor({ timeout: 30_000 });
      adaToken = await page.evaluate(async () => {
        const res = await fetch(
          '/api/auth/oidc/refresh?optional&env=production',
          {
            headers: { 'X-Requested-With': 'XMLHttpRequest' },
            credentials: 'include',
          },
        );
        return (await res.json()).backstageIdentity.token;
      });
      await page.context().close();
    });

    const get = (path: string, token?: string) =>
      fetch(`${portal.baseUrl}${path}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });

    /** Entity names of one kind, once the catalog has read its files. */
    async function namesOfKind(kind: string, atLeast: number) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await get(
          `/api/catalog/entities/by-query?filter=kind=${kind}&fields=metadata.name&limit=100`,
          adaToken,
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as {
          items: { metadata: { name: string } }[];
        };
        const names = body.items.map(item => item.metadata.name).sort();
        if (names.length >= atLeast || Date.now() > deadline) return names;
        await new Promise(r => setTimeout(r, 1_000));
      }
    }

    it('serves the built app and has no dev sign-in', async () => {
      const index = await get('/');
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<div id="root">');
      // The gantry-dev provider is not loaded with NODE_ENV=production.
      const dev = await get('/api/auth/gantry-dev/refresh');
      expect(dev.status).toBe(404);
      expect(
        ((await dev.json()) as { error: { message: string } }).error,
      ).toMatchObject({ message: "Unknown auth provider 'gantry-dev'" });
    });

    it('reads the sample catalog from the bundle, without the dev-only templates', async () => {
      // app-config.yaml registers them for development; production must not.
      const devOnlyTemplates = ['approval-demo', 'hello-gantry'].map(
        folder =>
          /^\s+name: (.+)$/m.exec(
            readFileSync(
              join(repoRoot, `templates/dev/${folder}/template.yaml`),
              'utf8',
            ),
          )![1],
      );
      const templates = await namesOfKind('template', 3);
      expect(templates).toEqual([
        'request-ec2-instance',
        'request-s3-bucket',
        'request-vpc',
      ]);
      for (const devOnly of devOnlyTemplates) {
        expect(templates).not.toContain(devOnly);
      }
      expect(await namesOfKind('user', 6)).toEqual([
        'ada',
        'alan',
        'dev',
        'grace',
        'linus',
        'vera',
      ]);
      expect(await namesOfKind('component', 3)).toEqual([
        'gantry',
        'payments-api',
        'search-indexer',
      ]);
    });

    it('answers errors without stack traces', async () => {
      for (const path of [
        '/api/infra/requests/not-a-uuid',
        '/api/catalog/entities/by-name/component/default/no-such-component',
      ]) {
        const res = await get(path, adaToken);
        const text = await res.text();
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const body = JSON.parse(text) as { error: Record<string, unknown> };
        expect(body.error.name).toEqual(expect.any(String));
        expect(body.error).not.toHaveProperty('stack');
        expect(text).not.toMatch(/\bat .+:\d+:\d+/);
      }
    });
  });

  describe('in the browser', () => {
    const denial = 'You are not allowed to see this page';

    async function ownershipOf(page: Page): Promise<string[]> {
      // The session as the app refreshes it: the token's ownership claims.
      return page.evaluate(async () => {
        const res = await fetch(
          '/api/auth/oidc/refresh?optional&env=production',
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

    it('signs linus in, lists the sample entities in the catalog, and ends the session on sign-out: a reload shows the sign-in page again', async () => {
      const page = await signInThroughIdp(browser, portal.baseUrl, 'linus');
      await page
        .getByRole('heading', { name: /^Welcome/ })
        .waitFor({ timeout: 30_000 });
      expect((await ownershipOf(page)).sort()).toEqual([
        'group:default/developers',
        'group:default/engineering',
        'group:default/team-search',
        'user:default/linus',
      ]);
      await page.goto(
        '/catalog?filters%5Buser%5D=all&filters%5Bkind%5D=component',
      );
      for (const name of ['gantry', 'payments-api', 'search-indexer']) {
        await page
          .getByRole('link', { name, exact: true })
          .first()
          .waitFor({ timeout: 60_000 });
      }
      await page.goto('/settings');
      await page.getByRole('button', { name: 'more' }).click();
      await page.getByRole('menuitem', { name: /sign out/i }).click();
      const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
      await signIn.waitFor({ timeout: 30_000 });
      await page.reload();
      await signIn.waitFor({ timeout: 30_000 });
      const refresh = await page.evaluate(async () => {
        const res = await fetch(
          '/api/auth/oidc/refresh?optional&env=production',
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
