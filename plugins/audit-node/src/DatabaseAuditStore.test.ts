import { NewAuditEntry } from '@internal/plugin-audit-common';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { Knex } from 'knex';
import { DatabaseAuditStore } from './DatabaseAuditStore';

jest.setTimeout(120_000);

const { databases, describeEach } = createTestDatabases();

const T = Date.parse('2030-06-01T12:00:00.000Z');

function entry(
  n: number,
  overrides: Partial<NewAuditEntry> = {},
): NewAuditEntry {
  return {
    timestamp: new Date(T + n * 1000).toISOString(),
    correlationId: `c-${n}`,
    actor: { ref: `user:default/u${n % 3}`, type: 'user', ip: '10.0.0.1' },
    plugin: n % 2 ? 'infra' : 'approvals',
    eventId: n % 2 ? 'apply' : 'decide',
    action: n % 2 ? 'apply' : 'approve',
    target: `resource:default/r${n % 4}`,
    outcome: n % 5 === 0 ? 'failed' : 'succeeded',
    error: n % 5 === 0 ? 'Error: boom' : undefined,
    severity: n % 2 ? 'high' : 'medium',
    meta: { n, note: n === 7 ? 'needle 100%_done' : 'hay' },
    ...overrides,
  };
}

describeEach('DatabaseAuditStore on %s', id => {
  let knex: Knex;
  let store: DatabaseAuditStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await DatabaseAuditStore.create({ knex });
  });

  it('appends a chain that verifies and reads back what was stored', async () => {
    await store.append([entry(1), entry(2)]);
    await store.append([entry(3)]);
    const page = await store.query({});
    expect(page.items.map(e => e.id)).toEqual(['3', '2', '1']);
    expect(page.items[2]).toMatchObject({
      ...entry(1),
      id: '1',
      prevHash: '0'.repeat(64),
    });
    expect(page.items[1].prevHash).toBe(page.items[2].hash);
    await expect(store.verify()).resolves.toEqual({ ok: true, checked: 3 });
  });

  it('filters on every field in SQL and pages newest first by keyset', async () => {
    await store.append(Array.from({ length: 20 }, (_, i) => entry(i + 1)));
    const idsOf = async (q: Parameters<typeof store.query>[0]) =>
      (await store.query(q)).items.map(e => Number(e.id));

    expect(await idsOf({ actor: 'user:default/u1' })).toEqual([
      19, 16, 13, 10, 7, 4, 1,
    ]);
    expect(await idsOf({ plugin: 'approvals', limit: 3 })).toEqual([
      20, 18, 16,
    ]);
    expect(await idsOf({ eventId: 'apply', outcome: 'failed' })).toEqual([
      15, 5,
    ]);
    expect(
      await idsOf({ action: 'approve', target: 'resource:default/r0' }),
    ).toEqual([20, 16, 12, 8, 4]);
    expect(
      await idsOf({
        targets: ['resource:default/r1', 'resource:default/r2'],
        limit: 4,
      }),
    ).toEqual([18, 17, 14, 13]);
    expect(await idsOf({ targets: [] })).toEqual([]);
    expect(await idsOf({ minSeverity: 'high', limit: 3 })).toEqual([
      19, 17, 15,
    ]);
    expect(await idsOf({ minSeverity: 'low', limit: 2 })).toEqual([20, 19]);
    expect(await idsOf({ severity: 'high', outcome: 'failed' })).toEqual([
      15, 5,
    ]);
    expect(
      await idsOf({
        from: new Date(T + 5000).toISOString(),
        to: new Date(T + 8000).toISOString(),
      }),
    ).toEqual([7, 6, 5]);
    expect(await idsOf({ text: '100%_d' })).toEqual([7]);
    // Escaped: `%` and `_` match themselves, not any text.
    expect(await idsOf({ text: '%' })).toEqual([7]);
    expect(await idsOf({ text: '_' })).toEqual([7]);

    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query({ plugin: 'infra', limit: 4, cursor });
      seen.push(...page.items.map(e => Number(e.id)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
    await expect(store.query({ cursor: 'nope!' })).rejects.toThrow(
      'Invalid cursor',
    );
  });

  it('pages a time range newest first by time, even when ids and times disagree', async () => {
    // Replicas commit in lock order, not in event-time order: id 3 happened first.
    await store.append([
      entry(1, { timestamp: new Date(T + 2000).toISOString() }),
      entry(2, { timestamp: new Date(T + 3000).toISOString() }),
      entry(3, { timestamp: new Date(T + 1000).toISOString() }),
      entry(4, { timestamp: new Date(T + 3000).toISOString() }),
      entry(5, { timestamp: new Date(T + 9000).toISOString() }),
    ]);
    const range = {
      from: new Date(T).toISOString(),
      to: new Date(T + 5000).toISOString(),
    };
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query({ ...range, limit: 1, cursor });
      seen.push(...page.items.map(e => Number(e.id)));
      cursor = page.nextCursor;
    } while (cursor);
    // Same time: the higher id first. Every entry of the window once.
    expect(seen).toEqual([4, 2, 1, 3]);

    // A cursor only continues the kind of search it came from.
    const byId = await store.query({ limit: 1 });
    await expect(
      store.query({ ...range, cursor: byId.nextCursor }),
    ).rejects.toThrow('Invalid cursor');
    const byTime = await store.query({ ...range, limit: 1 });
    await expect(store.query({ cursor: byTime.nextCursor })).rejects.toThrow(
      'Invalid cursor',
    );
  });

  it('streams every match newest first across read batches', async () => {
    for (let i = 0; i < 5; i++) {
      await store.append(
        Array.from({ length: 500 }, (_, j) => entry(i * 500 + j + 1)),
      );
    }
    const seen: number[] = [];
    for await (const e of store.stream({ plugin: 'infra' })) {
      seen.push(Number(e.id));
    }
    expect(seen).toHaveLength(1250);
    expect(seen[0]).toBe(2499);
    expect(seen[1249]).toBe(1);
    await expect(store.verify()).resolves.toEqual({ ok: true, checked: 2500 });
  });

  describe('tamper evidence', () => {
    beforeEach(async () => {
      await store.append(Array.from({ length: 10 }, (_, i) => entry(i + 1)));
    });

    it('names an edited entry', async () => {
      await knex('audit_entries')
        .where({ id: 4 })
        .update({ meta: JSON.stringify({ n: 4, note: 'forged' }) });
      await expect(store.verify()).resolves.toEqual({
        ok: false,
        checked: 3,
        firstBroken: { id: '4', reason: expect.stringMatching(/edited/) },
      });
    });

    it('names the entry after a deleted one', async () => {
      await knex('audit_entries').where({ id: 6 }).delete();
      await expect(store.verify()).resolves.toEqual({
        ok: false,
        checked: 5,
        firstBroken: { id: '7', reason: expect.stringMatching(/deleted/) },
      });
    });

    it('names an inserted entry', async () => {
      const row = await knex('audit_entries').where({ id: 10 }).first();
      await knex('audit_entries').where({ id: 10 }).delete();
      // A forged entry slipped in where the real tenth was, then the real one after it.
      await knex('audit_entries').insert({
        ...row,
        id: 10,
        outcome: 'succeeded',
        hash: 'f'.repeat(64),
      });
      await knex('audit_entries').insert({ ...row, id: 11 });
      await expect(store.verify()).resolves.toEqual({
        ok: false,
        checked: 9,
        firstBroken: { id: '10', reason: expect.stringMatching(/inserted/) },
      });
    });

    it('keeps a verifiable chain after pruning the oldest entries', async () => {
      await expect(store.prune(new Date(T + 4500))).resolves.toEqual({
        deleted: 4,
      });
      await expect(store.verify()).resolves.toEqual({ ok: true, checked: 6 });
      await store.append([entry(11)]);
      await expect(store.verify()).resolves.toEqual({ ok: true, checked: 7 });
      await expect(store.prune(new Date(T + 60_000))).resolves.toEqual({
        deleted: 7,
      });
      await store.append([entry(12)]);
      const [last] = (await store.query({})).items;
      expect(last.id).toBe('12');
      await expect(store.verify()).resolves.toEqual({ ok: true, checked: 1 });
      // Deleting the first entry after the anchor is still caught.
      await store.append([entry(13)]);
      await knex('audit_entries').where({ id: 12 }).delete();
      await expect(store.verify()).resolves.toMatchObject({
        ok: false,
        firstBroken: { id: '13' },
      });
    });
  });

  it('commits concurrent appends in shared batches and resolves each after commit', async () => {
    const results = await Promise.all(
      Array.from({ length: 1200 }, (_, i) =>
        store.append([entry(i + 1)]).then(async () => {
          // Committed by the time it resolves: the entry is readable.
          const page = await store.query({
            target: entry(i + 1).target,
            limit: 500,
          });
          return page.items.some(e => e.correlationId === `c-${i + 1}`);
        }),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
    await expect(store.verify()).resolves.toEqual({ ok: true, checked: 1200 });
  });

  it('rejects every caller of a batch that could not be committed', async () => {
    const other = await databases.init(id);
    const broken = await DatabaseAuditStore.create({ knex: other });
    await other.destroy();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => broken.append([entry(i + 1)])),
    );
    expect(results.map(r => r.status)).toEqual(Array(5).fill('rejected'));
  });

  it('fails only the caller whose entry cannot be stored', async () => {
    if (id === 'SQLITE_3') return; // SQLite does not enforce column lengths.
    const results = await Promise.allSettled([
      store.append([entry(1)]),
      store.append([entry(2, { plugin: 'x'.repeat(100) })]),
      store.append([entry(3)]),
    ]);
    expect(results.map(r => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    await expect(store.verify()).resolves.toEqual({ ok: true, checked: 2 });
  });

  if (id.startsWith('POSTGRES')) {
    it('keeps one unbroken chain with two replicas appending at once', async () => {
      const replicaA = store;
      const replicaB = await DatabaseAuditStore.create({ knex });
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 10_000 }, (_, i) =>
          (i % 2 ? replicaA : replicaB).append([entry(i + 1)]),
        ),
      );
      const rate = Math.round(10_000 / ((Date.now() - started) / 1000));
      // eslint-disable-next-line no-console
      console.log(`two replicas on PostgreSQL: ${rate} events/s`);
      await expect(store.verify()).resolves.toEqual({
        ok: true,
        checked: 10_000,
      });
    });
  }
});
