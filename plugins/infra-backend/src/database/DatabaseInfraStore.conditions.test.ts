import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { Knex } from 'knex';
import { DatabaseInfraStore } from './DatabaseInfraStore';
import { InfraRequestConditions } from './InfraStore';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const DEV = 'user:default/dev';
const LINUS = 'user:default/linus';
const PAYMENTS = 'group:default/team-payments';
const SEARCH = 'group:default/team-search';
const APPROVERS = 'group:default/approvers';
const SECURITY = 'group:default/security';
const AMY = 'user:default/amy';

// The approvers each fixture request's approval was opened with; linus-search has none
// (never linked).
const APPROVALS: Record<string, string[]> = {
  'dev-payments': [APPROVERS],
  'dev-search': [APPROVERS, SECURITY],
  'linus-payments': [SECURITY, AMY],
};

describeEach('DatabaseInfraStore permission conditions on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseInfraStore;
  const byName: Record<string, string> = {};

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseInfraStore.create({
      database: mockServices.database({ knex }),
    });
    await knex('infra_request_approvers').delete();
    await knex('infra_logs').delete();
    await knex('infra_requests').delete();
    await knex('infra_resources').delete();
    const rows: Array<[string, string, string]> = [
      ['dev-payments', DEV, PAYMENTS],
      ['dev-search', DEV, SEARCH],
      ['linus-payments', LINUS, PAYMENTS],
      ['linus-search', LINUS, SEARCH],
    ];
    for (const [name, requesterRef, ownerRef] of rows) {
      const request = await store.createRequest(
        {
          operation: 'create',
          kind: 's3-bucket',
          resourceName: name,
          environment: 'dev',
          requesterRef,
          ownerRef,
          justification: 'Condition test fixture',
          parameters: { versioning: true },
        },
        new Date(),
      );
      byName[name] = request.id;
    }
    for (const [name, approverRefs] of Object.entries(APPROVALS)) {
      await store.transition(
        byName[name],
        ['planning'],
        'awaiting_approval',
        { approvalId: `approval-${name}`, approverRefs },
        new Date(),
      );
    }
  });

  async function visible(conditions: InfraRequestConditions) {
    const page = await store.listRequests({ conditions, limit: 100 });
    return page.items.map(r => r.resourceName).sort();
  }

  it('filters lists in SQL by requester, owner, and their combinations', async () => {
    expect(await visible({ field: 'requester', refs: [DEV] })).toEqual([
      'dev-payments',
      'dev-search',
    ]);
    expect(await visible({ field: 'owner', refs: [SEARCH] })).toEqual([
      'dev-search',
      'linus-search',
    ]);
    expect(
      await visible({
        anyOf: [
          { field: 'requester', refs: [DEV] },
          { field: 'owner', refs: [SEARCH] },
        ],
      }),
    ).toEqual(['dev-payments', 'dev-search', 'linus-search']);
    expect(
      await visible({
        allOf: [
          { field: 'requester', refs: [LINUS] },
          { not: { field: 'owner', refs: [SEARCH] } },
        ],
      }),
    ).toEqual(['linus-payments']);
    expect(await visible({ anyOf: [] } as never)).toEqual([]);
  });

  // What the approver filter must return, counted in SQL straight from the tables.
  async function countApprovedBy(refs: string[], negate = false) {
    const approved = knex('infra_request_approvers')
      .select('request_id')
      .whereIn('approver_ref', refs);
    const [{ n }] = await knex('infra_requests')
      .modify(q =>
        negate ? q.whereNotIn('id', approved) : q.whereIn('id', approved),
      )
      .count({ n: '*' });
    return Number(n);
  }

  it('filters lists in SQL by the approvers of the linked approval', async () => {
    const cases: Array<[string[], string[]]> = [
      [[APPROVERS], ['dev-payments', 'dev-search']],
      [[SECURITY], ['dev-search', 'linus-payments']],
      [[AMY, DEV], ['linus-payments']],
      // dev-search's approval lists both: it is there once.
      [
        [APPROVERS, SECURITY],
        ['dev-payments', 'dev-search', 'linus-payments'],
      ],
      // The requester and the owner are not approvers.
      [[DEV, LINUS, PAYMENTS, SEARCH], []],
      [[], []],
    ];
    for (const [refs, expected] of cases) {
      const names = await visible({ field: 'approver', refs });
      expect({ refs, names }).toEqual({ refs, names: expected });
      expect(names).toHaveLength(await countApprovedBy(refs));
    }
  });

  it('combines the approver filter with anyOf, allOf and not', async () => {
    expect(
      await visible({
        anyOf: [
          { field: 'approver', refs: [AMY] },
          { field: 'owner', refs: [SEARCH] },
        ],
      }),
    ).toEqual(['dev-search', 'linus-payments', 'linus-search']);
    expect(
      await visible({
        allOf: [
          { field: 'owner', refs: [PAYMENTS] },
          { field: 'approver', refs: [SECURITY] },
        ],
      }),
    ).toEqual(['linus-payments']);
    // A request never linked has no approvers: `not` keeps it.
    const notApprovers = await visible({
      not: { field: 'approver', refs: [APPROVERS] },
    });
    expect(notApprovers).toEqual(['linus-payments', 'linus-search']);
    expect(notApprovers).toHaveLength(await countApprovedBy([APPROVERS], true));
    expect(
      await visible({
        allOf: [
          { field: 'requester', refs: [DEV] },
          { not: { field: 'approver', refs: [SECURITY] } },
        ],
      }),
    ).toEqual(['dev-payments']);
    // The shape a policy gives: requester, owner or approver.
    expect(
      await visible({
        anyOf: [
          { field: 'requester', refs: [LINUS] },
          { field: 'owner', refs: [LINUS] },
          { field: 'approver', refs: [LINUS, APPROVERS] },
        ],
      }),
    ).toEqual(['dev-payments', 'dev-search', 'linus-payments', 'linus-search']);
  });

  it('pages a list filtered by approver in SQL, each request once', async () => {
    const conditions: InfraRequestConditions = {
      field: 'approver',
      refs: [APPROVERS, SECURITY, AMY],
    };
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listRequests({ conditions, limit: 1, cursor });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map(r => r.resourceName));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([
      'dev-payments',
      'dev-search',
      'linus-payments',
    ]);
    expect(pages).toBe(3);
  });

  it('answers a single read only when the conditions match', async () => {
    const id = byName['linus-search'];
    expect(
      await store.getRequest(id, {
        conditions: { field: 'requester', refs: [DEV] },
      }),
    ).toBeUndefined();
    expect(
      (
        await store.getRequest(id, {
          conditions: { field: 'owner', refs: [SEARCH, DEV] },
        })
      )?.resourceName,
    ).toBe('linus-search');
    const approved = byName['dev-search'];
    expect(
      await store.getRequest(approved, {
        conditions: { field: 'approver', refs: [AMY] },
      }),
    ).toBeUndefined();
    expect(
      await store.getRequest(approved, {
        conditions: { field: 'approver', refs: [SECURITY] },
      }),
    ).toMatchObject({
      resourceName: 'dev-search',
      approverRefs: [APPROVERS, SECURITY],
    });
  });

  it('loads requests by id for the permission framework', async () => {
    const found = await store.getRequests([
      byName['dev-payments'],
      byName['linus-search'],
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(found.map(r => r.resourceName).sort()).toEqual([
      'dev-payments',
      'linus-search',
    ]);
    expect(await store.getRequests([])).toEqual([]);
  });

  it('loads the approvers of requests in one query for all of them, not one each', async () => {
    const queries: string[] = [];
    const onQuery = (query: { sql: string }) => queries.push(query.sql);
    knex.on('query', onQuery);
    try {
      const found = await store.getRequests(Object.values(byName));
      expect(
        Object.fromEntries(found.map(r => [r.resourceName, r.approverRefs])),
      ).toEqual({
        'dev-payments': [APPROVERS],
        'dev-search': [APPROVERS, SECURITY],
        'linus-payments': [SECURITY, AMY],
        'linus-search': [],
      });
      expect(queries).toHaveLength(2);

      queries.length = 0;
      const page = await store.listRequests({ limit: 100 });
      expect(page.items).toHaveLength(4);
      expect(
        page.items.find(r => r.resourceName === 'linus-payments')?.approverRefs,
      ).toEqual([SECURITY, AMY]);
      expect(queries).toHaveLength(2);
    } finally {
      knex.off('query', onQuery);
    }
  });
});
