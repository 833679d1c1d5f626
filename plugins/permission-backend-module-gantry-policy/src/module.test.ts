import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuditEntry, AuditQuery } from '@internal/plugin-audit-common';
import {
  AuditStore,
  DatabaseAuditStore,
  auditStoreServiceRef,
  gantryAuditorServiceFactory,
} from '@internal/plugin-audit-node';
import { infraRequestCreatePermission } from '@internal/plugin-infra-common';
import knexFactory, { Knex } from 'knex';
import {
  groupEntity as group,
  userEntity,
} from '@internal/plugin-api-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import { permissionModuleGantryPolicy } from './module';

// A backend plugin asking on behalf of a user, as the infra backend does.
function onBehalfOf(userEntityRef: string) {
  return `Bearer ${mockCredentials.user.token(userEntityRef, {
    actor: { subject: 'plugin:infra' },
  })}`;
}

function rolesFile(developerMembers: string[]): object {
  return {
    backend: { baseUrl: 'http://localhost:7007', listen: { port: 0 } },
    permission: { enabled: true },
    gantry: {
      rbac: {
        roles: [
          {
            name: 'developer',
            description: 'Developers',
            members: developerMembers,
            grants: [{ permission: 'infra.request.create' }],
          },
        ],
      },
    },
  };
}

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    const ms = Date.now() - start;
    if (done(value) || ms > timeoutMs) return { value, ms };
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe('permissionModuleGantryPolicy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-rbac-'));
  const configFile = path.join(dir, 'app-config.yaml');
  let server: Parameters<typeof request>[0];
  let stop = async () => {};
  let closeConfig = () => {};
  let audit: AuditStore;
  let auditKnex: Knex | undefined;

  /** The audit entries the query matches, once `done` holds for them (or 10 s passed). */
  const auditedUntil = async (
    query: AuditQuery,
    done: (items: AuditEntry[]) => boolean,
  ) =>
    (await until(async () => (await audit.query(query)).items, done, 10_000))
      .value;

  beforeAll(async () => {
    // The top group holds the role; cards is two levels below it.
    fs.writeFileSync(
      configFile,
      stringify(rolesFile(['group:default/engineering'])),
    );
    // The file source the backend's config service uses, watching the file.
    const config = await ConfigSources.toConfig(
      FileConfigSource.create({ path: configFile }),
    );
    closeConfig = () => config.close();
    // The real central audit trail, on an in-memory SQLite database of its own.
    auditKnex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    audit = await DatabaseAuditStore.create({ knex: auditKnex });
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleGantryPolicy,
        gantryAuditorServiceFactory,
        createServiceFactory({
          service: auditStoreServiceRef,
          deps: {},
          factory: () => audit,
        }),
        catalogServiceMock.factory({
          entities: [
            group('engineering'),
            group('payments', 'engineering'),
            group('cards', 'payments'),
            userEntity('dev', ['cards']),
          ],
        }),
        createServiceFactory({
          service: coreServices.rootConfig,
          deps: {},
          factory: () => config,
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
    await auditKnex?.destroy();
    closeConfig();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const decide = async (userEntityRef: string) => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set(
        'Authorization',
        `Bearer ${mockCredentials.user.token(userEntityRef)}`,
      )
      .send({
        items: [{ id: '1', permission: infraRequestCreatePermission }],
      });
    expect(res.status).toBe(200);
    return res.body.items[0].result as AuthorizeResult;
  };

  it('gives a group role to members two levels down, from the catalog groups', async () => {
    // The mock user token carries only the user ref; the catalog says dev is in cards.
    expect(await decide('user:default/dev')).toBe(AuthorizeResult.ALLOW);
    expect(await decide('user:default/vera')).toBe(AuthorizeResult.DENY);
  });

  it('records the denial, and nothing for the allow, in the audit trail', async () => {
    const denied = await auditedUntil(
      {
        eventId: 'permission-deny',
        outcome: 'failed',
        text: 'user:default/vera',
      },
      items => items.length > 0,
    );
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      plugin: 'permission',
      eventId: 'permission-deny',
      outcome: 'failed',
      severity: 'low',
      action: 'create',
      error: expect.stringMatching(/^NotAllowedError: user:default\/vera/),
      meta: {
        permission: 'infra.request.create',
        action: 'create',
        user: 'user:default/vera',
      },
    });
    // Both the initiated and the failed entry of the one denial, under one correlation id.
    const both = await audit.query({
      eventId: 'permission-deny',
      text: 'user:default/vera',
    });
    expect(both.items.map(e => e.outcome)).toEqual(['failed', 'initiated']);
    expect(both.items[1].correlationId).toBe(both.items[0].correlationId);
    const all = await audit.query({ eventId: 'permission-deny' });
    expect(all.items.filter(e => e.meta?.user === 'user:default/dev')).toEqual(
      [],
    );
  });

  it('applies a roles change while running, within 10 s, and keeps the last good roles when the config breaks', async () => {
    fs.writeFileSync(configFile, stringify(rolesFile(['user:default/vera'])));
    const granted = await until(
      () => decide('user:default/vera'),
      result => result === AuthorizeResult.ALLOW,
      10_000,
    );
    expect(granted.value).toBe(AuthorizeResult.ALLOW);
    expect(granted.ms).toBeLessThan(10_000);
    const reloaded = await auditedUntil(
      { eventId: 'rbac-roles-reload', outcome: 'succeeded' },
      items => items.length > 0,
    );
    expect(reloaded[0]).toMatchObject({
      plugin: 'permission',
      severity: 'medium',
      meta: { roles: 1, grants: 1, names: ['developer'] },
    });

    // A broken block (a member that is not a ref) is refused: vera keeps the role.
    fs.writeFileSync(configFile, stringify(rolesFile(['vera'])));
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(await decide('user:default/vera')).toBe(AuthorizeResult.ALLOW);
    expect(await decide('user:default/dev')).toBe(AuthorizeResult.DENY);
    const refused = await auditedUntil(
      { eventId: 'rbac-roles-reload', outcome: 'failed' },
      items => items.length > 0,
    );
    expect(refused[0]).toMatchObject({
      plugin: 'permission',
      severity: 'medium',
      error: expect.stringMatching(
        /^InputError: Invalid roles config: gantry\.rbac\.roles\.0\.members\.0: a member is a full user or group ref/,
      ),
      meta: { roles: 1, grants: 1, names: ['developer'] },
    });
    await expect(audit.verify()).resolves.toMatchObject({ ok: true });
  });

  it('answers a plugin asking on behalf of a user', async () => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', onBehalfOf('user:default/vera'))
      .send({ items: [{ id: '1', permission: infraRequestCreatePermission }] });
    expect(res.body.items).toEqual([
      { id: '1', result: AuthorizeResult.ALLOW },
    ]);
  });
});
