import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigSources, MutableConfigSource } from '@backstage/config-loader';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { userEntity } from '@internal/plugin-api-node/testUtils';
import { grantsServer } from './__testUtils__/grantsServer';
import { LiveRbac } from './LiveRbac';
import { changingCatalog } from './testUtils/changingCatalog';

describe('LiveRbac', () => {
  describe('reading the groups', () => {
    const dev = userEntity('dev', ['developers']) as Entity;
    const linus = userEntity('linus', ['developers']) as Entity;

    beforeEach(() => {
      // Only the clock and timers: the catalog's pages are read through promises and ticks.
      jest.useFakeTimers({
        doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'],
      });
    });

    /** The instances a test started, stopped after it. */
    const running: LiveRbac[] = [];

    afterEach(() => {
      running.splice(0).forEach(live => live.stop());
      jest.useRealTimers();
    });

    /** Started on `entities`, refreshing every 60 s, after its first read. */
    async function started(entities: Entity[]) {
      const catalog = changingCatalog(entities);
      const live = new LiveRbac({
        config: mockServices.rootConfig({
          data: { gantry: { rbac: { groupRefreshSeconds: 60, roles: [] } } },
        }),
        catalog: catalog.catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      running.push(live);
      live.start();
      await live.ready();
      expect(catalog.reads()).toBe(1);
      return { live, catalog };
    }

    const users = (live: LiveRbac) => live.engine().groups.userRefs();

    /** Whether `promise` has settled, once pending callbacks have run. */
    async function settled(promise: Promise<unknown>) {
      let done = false;
      promise.then(() => {
        done = true;
      });
      await jest.advanceTimersByTimeAsync(0);
      return done;
    }

    it('reads again on demand and finds a user the catalog ingested since the last read', async () => {
      const { live, catalog } = await started([dev]);
      catalog.set([dev, linus]);
      expect(users(live)).toEqual(['user:default/dev']);
      const read = live.refreshGroupsSoon();
      await jest.advanceTimersByTimeAsync(2_000);
      await read;
      expect(catalog.reads()).toBe(2);
      expect(users(live)).toEqual(['user:default/dev', 'user:default/linus']);
      expect(live.engine().groups.groupsOf('user:default/linus')).toEqual([
        'group:default/developers',
      ]);
    });

    it('shares one read among the callers that ask at the same time', async () => {
      const { live, catalog } = await started([dev]);
      await jest.advanceTimersByTimeAsync(2_000);
      catalog.set([dev, linus]);
      await Promise.all(
        Array.from({ length: 5 }, () => live.refreshGroupsSoon()),
      );
      expect(catalog.reads()).toBe(2);
      expect(users(live)).toContain('user:default/linus');
    });

    it('follows a read under way with one of its own: that one may predate the user', async () => {
      const { live, catalog } = await started([dev]);
      await jest.advanceTimersByTimeAsync(2_000);
      const underWay = live.refreshGroups();
      while (catalog.reads() < 2) await Promise.resolve();
      catalog.set([dev, linus]);
      const onDemand = live.refreshGroupsSoon();
      await underWay;
      expect(users(live)).toEqual(['user:default/dev']);
      await jest.advanceTimersByTimeAsync(2_000);
      await onDemand;
      expect(catalog.reads()).toBe(3);
      expect(users(live)).toContain('user:default/linus');
    });

    it('reads on demand no sooner than 2 s after the last read: a caller within them waits', async () => {
      const { live, catalog } = await started([dev]);
      const first = live.refreshGroupsSoon();
      await jest.advanceTimersByTimeAsync(1_999);
      expect(catalog.reads()).toBe(1);
      expect(await settled(first)).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await settled(first)).toBe(true);
      expect(catalog.reads()).toBe(2);

      // A second ask right after the read it shared waits for the next.
      catalog.set([dev, linus]);
      const second = live.refreshGroupsSoon();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(catalog.reads()).toBe(2);
      expect(users(live)).toEqual(['user:default/dev']);
      await jest.advanceTimersByTimeAsync(1_000);
      await second;
      expect(catalog.reads()).toBe(3);
      expect(users(live)).toContain('user:default/linus');
    });

    it('reads again within seconds while the number of users changes, then every groupRefreshSeconds', async () => {
      const { live, catalog } = await started([dev]);
      // The first read found one user where there were none: read again in 3 s.
      catalog.set([dev, linus]);
      await jest.advanceTimersByTimeAsync(3_000);
      expect(catalog.reads()).toBe(2);
      expect(users(live)).toContain('user:default/linus');
      // Two users where there was one: again in 3 s.
      await jest.advanceTimersByTimeAsync(3_000);
      expect(catalog.reads()).toBe(3);
      // Two reads agree: the next is a full period after the last.
      await jest.advanceTimersByTimeAsync(59_000);
      expect(catalog.reads()).toBe(3);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(catalog.reads()).toBe(4);
    });

    it('times the next scheduled read from the end of a read on demand', async () => {
      const { live, catalog } = await started([dev]);
      await jest.advanceTimersByTimeAsync(2_000);
      // Agrees with the first read, so the next is 60 s after this one, not 3 s after the first.
      await live.refreshGroupsSoon();
      expect(catalog.reads()).toBe(2);
      await jest.advanceTimersByTimeAsync(59_999);
      expect(catalog.reads()).toBe(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(catalog.reads()).toBe(3);
    });
  });

  it('reads groups again within seconds while the catalog holds no users yet', async () => {
    const { catalog, reads, set } = changingCatalog([]);
    const live = new LiveRbac({
      config: mockServices.rootConfig({
        data: { gantry: { rbac: { groupRefreshSeconds: 60, roles: [] } } },
      }),
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    live.start();
    try {
      await live.ready();
      expect(live.engine().groups.groupsOf('user:default/dev')).toEqual([]);
      set([userEntity('dev', ['developers']) as Entity]);

      const deadline = Date.now() + 8_000;
      while (
        live.engine().groups.groupsOf('user:default/dev').length === 0 &&
        Date.now() < deadline
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      // Well before the 60 s refresh.
      expect(live.engine().groups.groupsOf('user:default/dev')).toEqual([
        'group:default/developers',
      ]);
      expect(reads()).toBeGreaterThanOrEqual(2);
    } finally {
      live.stop();
    }
  });

  describe('auditing role reloads', () => {
    const role = (name: string, members: string[]) => ({
      name,
      description: name,
      members,
      grants: [
        { permission: 'infra.request.create' },
        { permission: ['infra.request.read', 'infra.request.apply'] },
      ],
    });

    async function watched(roles: object[]) {
      const source = MutableConfigSource.create({
        data: { gantry: { rbac: { roles } } },
      });
      const config = await ConfigSources.toConfig(source);
      const auditor = mockServices.auditor.mock();
      const live = new LiveRbac({
        config,
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        auditor,
      });
      live.start();
      return {
        live,
        auditor,
        change: (next: object[]) =>
          source.setData({ gantry: { rbac: { roles: next } } }),
        close() {
          live.stop();
          config.close();
        },
      };
    }

    /** The outcome of the `n`th audit event, once it has been recorded. */
    async function outcomeOf(
      auditor: ReturnType<typeof mockServices.auditor.mock>,
      n: number,
    ) {
      for (let i = 0; i < 100; i++) {
        const result = auditor.createEvent.mock.results[n];
        if (result) {
          const event = await result.value;
          const success = event.success as jest.Mock;
          const fail = event.fail as jest.Mock;
          if (success.mock.calls.length || fail.mock.calls.length) {
            return { success, fail };
          }
        }
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      throw new Error(`No audit event ${n} was recorded`);
    }

    it('records a good reload as succeeded, with the counts and names of the new roles', async () => {
      const many = Array.from({ length: 25 }, (_, i) =>
        role(`role-${i}`, ['user:default/dev']),
      );
      const watch = await watched([role('developer', ['user:default/dev'])]);
      try {
        // Loading the roles at start-up is not a reload.
        expect(watch.auditor.createEvent).not.toHaveBeenCalled();
        watch.change(many);
        const { success, fail } = await outcomeOf(watch.auditor, 0);
        expect(watch.auditor.createEvent).toHaveBeenCalledWith({
          eventId: 'rbac-roles-reload',
          severityLevel: 'medium',
          meta: {
            roles: 25,
            grants: 50,
            names: many.slice(0, 20).map(r => r.name),
          },
        });
        expect(success).toHaveBeenCalledTimes(1);
        expect(fail).not.toHaveBeenCalled();
        expect(watch.live.engine().config.roles).toHaveLength(25);
      } finally {
        watch.close();
      }
    });

    it('records a refused reload as failed with the validation message, and keeps the last good roles', async () => {
      const watch = await watched([role('developer', ['user:default/dev'])]);
      try {
        watch.change([role('developer', ['vera'])]);
        const { success, fail } = await outcomeOf(watch.auditor, 0);
        expect(watch.auditor.createEvent).toHaveBeenCalledWith({
          eventId: 'rbac-roles-reload',
          severityLevel: 'medium',
          meta: { roles: 1, grants: 2, names: ['developer'] },
        });
        expect(success).not.toHaveBeenCalled();
        expect(fail).toHaveBeenCalledTimes(1);
        expect(fail.mock.calls[0][0].error.message).toMatch(
          /^Invalid roles config: gantry\.rbac\.roles\.0\.members\.0: a member is a full user or group ref/,
        );
        expect(watch.live.engine().config.roles[0].members).toEqual([
          'user:default/dev',
        ]);
      } finally {
        watch.close();
      }
    });

    it('keeps the reloaded roles when the audit cannot be recorded', async () => {
      const watch = await watched([role('developer', ['user:default/dev'])]);
      watch.auditor.createEvent.mockRejectedValue(new Error('audit is down'));
      try {
        watch.change([role('developer', ['user:default/vera'])]);
        for (
          let i = 0;
          i < 100 &&
          watch.live.engine().config.roles[0].members[0] !==
            'user:default/vera';
          i++
        ) {
          await new Promise(resolve => setTimeout(resolve, 20));
        }
        expect(watch.live.engine().config.roles[0].members).toEqual([
          'user:default/vera',
        ]);
      } finally {
        watch.close();
      }
    });
  });

  describe('temporary grants', () => {
    let server: Awaited<ReturnType<typeof grantsServer>>;

    beforeAll(async () => {
      server = await grantsServer();
    });

    afterAll(() => server.close());

    function live() {
      const logger = mockServices.logger.mock();
      const rbac = new LiveRbac({
        config: mockServices.rootConfig({
          data: {
            gantry: {
              rbac: {
                roles: [
                  {
                    name: 'admin',
                    description: 'Everything',
                    grants: [{ permission: '*' }],
                  },
                ],
              },
            },
          },
        }),
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth({ pluginId: 'permission' }),
        logger,
        discovery: server.discovery,
      });
      return { rbac, logger };
    }

    const grantUntil = (expiresMs: number) => ({
      id: 'g1',
      userEntityRef: 'user:default/vera',
      target: { kind: 'role', role: 'admin' },
      expiresAt: new Date(expiresMs).toISOString(),
    });

    it('puts the grants in force at start, and drops each at its expiry on a timer', async () => {
      const expiresMs = Date.now() + 1000;
      server.answer(200, { items: [grantUntil(expiresMs)] });
      const { rbac } = live();
      rbac.start();
      try {
        await rbac.ready();
        const inForce = (rbac as any).current.temporaryGrants;
        expect(inForce.map((g: { id: string }) => g.id)).toEqual(['g1']);
        await new Promise(resolve =>
          setTimeout(resolve, expiresMs - Date.now() + 50),
        );
        // Rebuilt by the timer, before anyone asked for the engine.
        expect((rbac as any).current.temporaryGrants).toEqual([]);
        expect(rbac.engine().temporaryGrants).toEqual([]);
      } finally {
        rbac.stop();
      }
    });

    it('gives no grants, quietly, when no plugin serves them', async () => {
      server.answer(404, { error: { name: 'NotFoundError' } });
      const { rbac, logger } = live();
      rbac.start();
      try {
        await rbac.ready();
        expect(rbac.engine().temporaryGrants).toEqual([]);
        expect(logger.warn).not.toHaveBeenCalled();
      } finally {
        rbac.stop();
      }
    });

    it('drops the grants it had when a read fails, with a warning', async () => {
      server.answer(200, {
        items: [grantUntil(Date.now() + 3_600_000)],
      });
      const { rbac, logger } = live();
      rbac.start();
      try {
        await rbac.ready();
        expect(rbac.engine().temporaryGrants).toHaveLength(1);
        server.answer(500, { error: { name: 'Error' } });
        await expect(rbac.refreshTemporaryGrants()).resolves.toBe(false);
        expect(rbac.engine().temporaryGrants).toEqual([]);
        expect(logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(/^Could not read the temporary grants/),
        );
      } finally {
        rbac.stop();
      }
    });
  });
});
