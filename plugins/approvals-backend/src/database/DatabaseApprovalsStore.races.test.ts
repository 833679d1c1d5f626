import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { DatabaseApprovalsStore } from './DatabaseApprovalsStore';
import { NewApprovalRequest } from './ApprovalsStore';

jest.setTimeout(120_000);

const { databases, describeEach } = createTestDatabases();

const T = new Date('2030-06-01T12:00:00.000Z');
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

function newRequest(overrides: Partial<NewApprovalRequest> = {}) {
  return {
    kind: 'race',
    title: 'Race me',
    requesterRef: 'user:default/dev',
    createdBy: 'plugin:test',
    approvers: { users: [], groups: ['group:default/approvers'] },
    quorum: 1,
    expiresAt: T,
    payload: { n: 1 },
    payloadHash: 'h'.repeat(64),
    links: [],
    ...overrides,
  } as NewApprovalRequest;
}

describeEach('DatabaseApprovalsStore races and SQL conditions on %s', id => {
  let store: DatabaseApprovalsStore;
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseApprovalsStore.create({
      database: mockServices.database({ knex }),
    });
  });

  it('lets exactly one of two simultaneous approvers decide a quorum-1 request', async () => {
    const requests = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.create(newRequest(), ms(T, -60_000)),
      ),
    );
    const outcomes = await Promise.all(
      requests.map(r =>
        Promise.allSettled([
          store.decide(
            r.id,
            'user:default/alan',
            { decision: 'approve' },
            ms(T, -1000),
          ),
          store.decide(
            r.id,
            'user:default/grace',
            { decision: 'approve' },
            ms(T, -1000),
          ),
        ]),
      ),
    );
    for (const [i, pair] of outcomes.entries()) {
      const fulfilled = pair.filter(o => o.status === 'fulfilled');
      const rejected = pair.filter(o => o.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(
        ConflictError,
      );
      const after = await store.get(requests[i].id);
      expect(after).toMatchObject({ status: 'approved', approvals: 1 });
      const votes = await knex('approval_votes').where({
        request_id: requests[i].id,
      });
      expect(votes).toHaveLength(1);
    }
  });

  it('counts two simultaneous approvals towards a quorum of two', async () => {
    const requests = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.create(newRequest({ quorum: 2 }), ms(T, -60_000)),
      ),
    );
    await Promise.all(
      requests.map(r =>
        Promise.all([
          store.decide(
            r.id,
            'user:default/alan',
            { decision: 'approve' },
            ms(T, -1000),
          ),
          store.decide(
            r.id,
            'user:default/grace',
            { decision: 'approve' },
            ms(T, -1000),
          ),
        ]),
      ),
    );
    for (const r of requests) {
      expect(await store.get(r.id)).toMatchObject({
        status: 'approved',
        approvals: 2,
      });
    }
  });

  it('settles a vote racing the expiry sweep in exactly one valid state', async () => {
    const requests = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.create(newRequest({ kind: 'race-expiry' }), ms(T, -60_000)),
      ),
    );
    await Promise.allSettled([
      ...requests.map(r =>
        store.decide(
          r.id,
          'user:default/alan',
          { decision: 'approve' },
          ms(T, -1),
        ),
      ),
      store.expireDue(ms(T, 1)),
      store.expireDue(ms(T, 1)),
    ]);
    for (const r of requests) {
      const after = (await store.get(r.id))!;
      expect(['approved', 'expired']).toContain(after.status);
      const ends = after.history.filter(h =>
        ['approved', 'expired'].includes(h.type),
      );
      expect(ends).toHaveLength(1);
      expect(ends[0].type).toBe(after.status);
    }
  });

  it('applies permission conditions as SQL', async () => {
    const mine = await store.create(
      newRequest({ kind: 'cond', requesterRef: 'user:default/linus' }),
      ms(T, -60_000),
    );
    const other = await store.create(
      newRequest({
        kind: 'cond',
        requesterRef: 'user:default/dev',
        approvers: { users: ['user:default/vera'], groups: [] },
      }),
      ms(T, -60_000),
    );
    const list = async (
      conditions: Parameters<typeof store.list>[0]['conditions'],
    ) =>
      (
        await store.list({
          claims: [],
          kind: 'cond',
          limit: 50,
          order: 'desc',
          conditions,
        })
      ).items.map(r => r.id);

    expect(
      await list({ field: 'requester', refs: ['user:default/linus'] }),
    ).toEqual([mine.id]);
    expect(
      await list({ field: 'approver', refs: ['user:default/vera'] }),
    ).toEqual([other.id]);
    expect(
      await list({
        anyOf: [
          { field: 'requester', refs: ['user:default/linus'] },
          { field: 'approver', refs: ['group:default/approvers'] },
        ],
      }),
    ).toEqual([mine.id]);
    expect(
      await list({
        not: { field: 'requester', refs: ['user:default/linus'] },
      }),
    ).toEqual([other.id]);
    // An empty anyOf is what a policy returns for "no condition holds".
    expect(await list({ anyOf: [] } as never)).toEqual([]);
    expect(
      await store.get(other.id, {
        conditions: { field: 'requester', refs: ['user:default/linus'] },
      }),
    ).toBeUndefined();
  });

  it('pages with a cursor, every request exactly once', async () => {
    const created = [];
    for (let i = 0; i < 7; i++) {
      created.push(
        await store.create(newRequest({ kind: 'paging' }), ms(T, -60_000 + i)),
      );
    }
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({
          claims: [],
          kind: 'paging',
          limit: 3,
          order,
          cursor,
        });
        seen.push(...page.items.map(r => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      const expected = created.map(r => r.id);
      expect(seen).toEqual(
        order === 'asc' ? expected : [...expected].reverse(),
      );
    }
    await expect(
      store.list({ claims: [], limit: 3, order: 'asc', cursor: 'garbage' }),
    ).rejects.toThrow('Invalid cursor');
  });
});
