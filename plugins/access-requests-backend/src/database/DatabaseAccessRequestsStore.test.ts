import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  invalidCursors,
} from '@internal/plugin-api-node/testUtils';
import { useEmptiedDatabase } from '../__testUtils__/emptiedDatabase';
import { DatabaseAccessRequestsStore } from './DatabaseAccessRequestsStore';
import { NewAccessRequest } from './AccessRequestsStore';

const { databases, describeEach } = createTestDatabases();

const dev = 'user:default/dev';
const linus = 'user:default/linus';

const adminFor = (
  requester: string,
  overrides: Partial<NewAccessRequest> = {},
): NewAccessRequest => ({
  requester,
  targetId: 'admin',
  target: { kind: 'role', role: 'admin' },
  duration: '4h',
  durationSeconds: 4 * 3600,
  reason: 'Rotate the payment keys',
  ...overrides,
});

const at = (iso: string) => new Date(iso);

describeEach('DatabaseAccessRequestsStore on %s', databaseId => {
  const database = useEmptiedDatabase(databases, databaseId);

  async function createStore() {
    const knex = database();
    const store = await DatabaseAccessRequestsStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it('records a pending request and reads it back', async () => {
    const { store } = await createStore();
    const created = await store.create(
      adminFor(dev),
      at('2026-11-29T10:00:00Z'),
    );
    expect(created).toEqual({
      id: expect.any(String),
      requester: dev,
      targetId: 'admin',
      target: { kind: 'role', role: 'admin' },
      duration: '4h',
      reason: 'Rotate the payment keys',
      status: 'pending',
      createdAt: '2026-11-29T10:00:00.000Z',
    });
    await store.linkApproval(created.id, 'approval-1');
    expect(await store.get(created.id)).toEqual({
      ...created,
      approvalId: 'approval-1',
    });
    expect(await store.getByApprovalId('approval-1')).toMatchObject({
      id: created.id,
    });
    expect(await store.getMany([created.id, 'missing'])).toEqual([
      expect.objectContaining({ id: created.id }),
      undefined,
    ]);
  });

  it('keeps one open request per requester and target, even under a race', async () => {
    const { store } = await createStore();
    const now = new Date();
    const results = await Promise.allSettled([
      store.create(adminFor(dev), now),
      store.create(adminFor(dev), now),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const rejected = results.find(r => r.status === 'rejected') as
      | PromiseRejectedResult
      | undefined;
    expect(rejected?.reason.name).toBe('ConflictError');

    // Another target, or another user, is no conflict.
    await store.create(
      adminFor(dev, {
        targetId: 'group:default/approvers',
        target: { kind: 'group', group: 'group:default/approvers' },
      }),
      now,
    );
    await store.create(adminFor(linus), now);

    // Once the first ends, the user may ask again.
    const first = (results.find(r => r.status === 'fulfilled') as any).value;
    await store.transition(first.id, 'pending', 'rejected', {}, now);
    await expect(store.create(adminFor(dev), now)).resolves.toMatchObject({
      status: 'pending',
    });
  });

  it('grants from the decision time for the requested duration, once', async () => {
    const { store } = await createStore();
    const request = await store.create(adminFor(dev), new Date());
    const grantedAt = at('2026-11-29T10:00:00Z');
    const grant = () =>
      store.transition(
        request.id,
        'pending',
        'active',
        {
          grantedAt,
          decidedBy: 'user:default/ada',
          decidedAt: grantedAt.toISOString(),
        },
        new Date(),
      );
    // Two replicas granting the same decision at once.
    const grants = await Promise.all([grant(), grant()]);
    expect(grants.filter(Boolean)).toHaveLength(1);
    expect(await store.get(request.id)).toMatchObject({
      status: 'active',
      decidedBy: 'user:default/ada',
      decidedAt: '2026-11-29T10:00:00.000Z',
      grantedAt: '2026-11-29T10:00:00.000Z',
      expiresAt: '2026-11-29T14:00:00.000Z',
    });
    // Already active: a late rejection or cancel changes nothing.
    expect(
      await store.transition(request.id, 'pending', 'rejected', {}, new Date()),
    ).toBeUndefined();
    // Still active, the slot stays taken.
    await expect(store.create(adminFor(dev), new Date())).rejects.toThrow(
      'already have a pending or active request',
    );
    const revoked = await store.transition(
      request.id,
      'active',
      'revoked',
      {
        revokedBy: 'user:default/ada',
        revokedAt: '2026-11-29T11:00:00.000Z',
        revokeReason: 'Done early',
      },
      new Date(),
    );
    expect(revoked).toMatchObject({
      status: 'revoked',
      revokedBy: 'user:default/ada',
      revokedAt: '2026-11-29T11:00:00.000Z',
      revokeReason: 'Done early',
    });
    // The expiry task that lost the race to the revocation changes nothing.
    expect(
      await store.transition(request.id, 'active', 'expired', {}, new Date()),
    ).toBeUndefined();
  });

  it('finds the grants due and the grants in force', async () => {
    const { store } = await createStore();
    const grant = async (requester: string, grantedAt: string) => {
      const r = await store.create(adminFor(requester), new Date());
      return (await store.transition(
        r.id,
        'pending',
        'active',
        { grantedAt: at(grantedAt) },
        new Date(),
      ))!;
    };
    const early = await grant(dev, '2026-11-29T08:00:00Z'); // until 12:00
    const late = await grant(linus, '2026-11-29T10:00:00Z'); // until 14:00
    const pending = await store.create(
      adminFor('user:default/grace'),
      new Date(),
    );

    const noon = at('2026-11-29T12:00:00Z');
    expect((await store.listDue(noon, 10)).map(r => r.id)).toEqual([early.id]);
    expect(await store.listActiveGrants(noon)).toEqual([
      {
        id: late.id,
        userEntityRef: linus,
        target: { kind: 'role', role: 'admin' },
        expiresAt: '2026-11-29T14:00:00.000Z',
      },
    ]);
    expect(
      (await store.listActiveGrants(at('2026-11-29T11:59:59Z'))).map(g => g.id),
    ).toEqual([early.id, late.id]);
    expect((await store.listPending(10)).map(r => r.id)).toEqual([pending.id]);
  });

  it('pages newest first without gaps or repeats, filtered by requester and status', async () => {
    const { store } = await createStore();
    const base = Date.parse('2026-11-29T10:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      // Two rows share each creation time, so the id breaks the tie.
      const created = await store.create(
        adminFor(i % 2 ? linus : dev, { targetId: `role-${i}` }),
        new Date(base + Math.floor(i / 2) * 1000),
      );
      ids.push(created.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 2, cursor });
      seen.push(...page.items.map(i => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await store.list({ limit: 10 });
    expect(all.nextCursor).toBeUndefined();
    expect(seen).toEqual(all.items.map(i => i.id));
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(all.items[0].createdAt >= all.items[4].createdAt).toBe(true);

    const mine = await store.list({ limit: 10, requester: dev });
    expect(mine.items.map(i => i.requester)).toEqual([dev, dev, dev]);
    await store.transition(ids[0], 'pending', 'cancelled', {}, new Date());
    expect(
      (await store.list({ limit: 10, status: 'cancelled' })).items.map(
        i => i.id,
      ),
    ).toEqual([ids[0]]);
    for (const [, bad] of invalidCursors) {
      await expect(store.list({ limit: 2, cursor: bad })).rejects.toThrow(
        'Invalid cursor',
      );
    }
  });

  it('applies permission conditions in SQL', async () => {
    const { store } = await createStore();
    const own = await store.create(adminFor(dev), new Date());
    const other = await store.create(adminFor(linus), new Date());
    const onlyDev = { field: 'requester' as const, refs: [dev] };

    const list = await store.list({ limit: 10, conditions: onlyDev });
    expect(list.items.map(i => i.id)).toEqual([own.id]);
    expect(await store.get(own.id, { conditions: onlyDev })).toBeDefined();
    expect(await store.get(other.id, { conditions: onlyDev })).toBeUndefined();
    expect(
      (await store.list({ limit: 10, conditions: { not: onlyDev } })).items.map(
        i => i.id,
      ),
    ).toEqual([other.id]);
    expect(
      (await store.list({ limit: 10, conditions: { anyOf: [] } as any })).items,
    ).toEqual([]);
    // A filter the store does not know matches nothing.
    expect(
      (
        await store.list({
          limit: 10,
          conditions: { field: 'approver', refs: [dev] } as any,
        })
      ).items,
    ).toEqual([]);
  });

  it('discards only a pending request without its approval', async () => {
    const { store } = await createStore();
    const linked = await store.create(adminFor(dev), new Date());
    await store.linkApproval(linked.id, 'approval-1');
    await store.discard(linked.id);
    expect(await store.get(linked.id)).toBeDefined();
    const unlinked = await store.create(adminFor(linus), new Date());
    await store.discard(unlinked.id);
    expect(await store.get(unlinked.id)).toBeUndefined();
  });

  it('migrates down and up again', async () => {
    const { knex } = await createStore();
    const directory = `${__dirname}/../../migrations`;
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('access_requests')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('access_requests')).toBe(true);
  });
});
