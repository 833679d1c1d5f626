import {
  AuditEntry,
  AuditVerification,
  NewAuditEntry,
} from '@internal/plugin-audit-common';
import {
  createTestDatabases,
  invalidCursors,
} from '@internal/plugin-api-node/testUtils';
import { DateTime } from 'luxon';
import request from 'supertest';
import {
  asUser,
  startAuditBackend,
  userRef,
} from '../__testUtils__/startAuditBackend';
import { AUDIT_RETENTION_TASK_ID } from './retention';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

// More than one store read batch (1000) and many response writes (100 rows each).
const BULK = 1050;
const LEGACY = 3;

const hoursAgo = (hours: number) =>
  DateTime.now().minus({ hours }).toUTC().toISO()!;

const entry = (overrides: Partial<NewAuditEntry>): NewAuditEntry => ({
  timestamp: hoursAgo(1),
  correlationId: 'c-0',
  actor: { ref: userRef('ada'), type: 'user' },
  plugin: 'catalog',
  eventId: 'entity-mutate',
  outcome: 'succeeded',
  severity: 'medium',
  meta: {},
  ...overrides,
});

/** Older than the 30 days of retention the test backend keeps, appended first. */
const legacyEntries = Array.from({ length: LEGACY }, (_, i) =>
  entry({ plugin: 'legacy', timestamp: hoursAgo(24 * 90 + i) }),
);

const catalogEntries: NewAuditEntry[] = [
  entry({
    timestamp: hoursAgo(50),
    correlationId: 'c-1',
    actor: { ref: userRef('dev'), type: 'user', ip: '10.0.0.7' },
    action: 'delete',
    target: 'component:default/payments',
    outcome: 'failed',
    error: 'NotAllowedError: no',
    meta: { reason: 'cleanup of the payments service' },
  }),
  entry({
    timestamp: hoursAgo(40),
    correlationId: 'c-2',
    actor: { ref: userRef('dev'), type: 'user' },
    action: 'refresh',
    target: 'component:default/payments',
    severity: 'low',
  }),
  entry({
    timestamp: hoursAgo(30),
    correlationId: 'c-3',
    action: 'delete',
    target: 'component:default/search',
    severity: 'high',
    meta: { reason: 'retired' },
  }),
  entry({
    eventId: 'location-mutate',
    timestamp: hoursAgo(20),
    correlationId: 'c-4',
    action: 'create',
    target: 'url:https://example.com/catalog-info.yaml',
  }),
];

/** A change to the payments component from another plugin, for its activity. */
const activityEntry = entry({
  timestamp: hoursAgo(45),
  correlationId: 'c-5',
  actor: { type: 'none' },
  plugin: 'infra',
  eventId: 'infra-resource-provisioned',
  target: 'component:default/payments',
});

const bulkEntries = Array.from({ length: BULK }, (_, i) =>
  entry({
    plugin: 'bulk',
    eventId: 'task',
    correlationId: `bulk-${i}`,
    timestamp: hoursAgo(10),
    meta: { n: i },
  }),
);

const nastyEntry = entry({
  plugin: 'nasty',
  target: '=HYPERLINK("http://evil")',
  error: '@SUM(A1), "quoted"\nsecond line',
  meta: { note: '+1, "a" b' },
});

describeEach('audit router on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startAuditBackend>>;
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    backend = await startAuditBackend(knex, { retentionDays: 30 });
    await backend.store.append(legacyEntries);
    await backend.store.append(catalogEntries);
    await backend.store.append([activityEntry]);
    // A few hundred per call, as the auditor appends; one insert of all is too many for SQLite.
    for (let i = 0; i < BULK; i += 350) {
      await backend.store.append(bulkEntries.slice(i, i + 350));
    }
    await backend.store.append([nastyEntry]);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const get = (path: string, who = 'ada') =>
    request(backend.server)
      .get(`/api/audit${path}`)
      .set('Authorization', asUser(who));

  const search = async (query: string, who = 'ada') => {
    const res = await get(`/events?${query}`, who);
    expect(res.status).toBe(200);
    return res.body as { items: AuditEntry[]; nextCursor?: string };
  };

  const correlationIds = (items: AuditEntry[]) =>
    items.map(i => i.correlationId);

  it('lets an admin search with each filter, newest first', async () => {
    const all = await search('plugin=catalog');
    expect(correlationIds(all.items)).toEqual(['c-4', 'c-3', 'c-2', 'c-1']);
    expect(all.nextCursor).toBeUndefined();
    expect(all.items[3]).toMatchObject({
      actor: { ref: userRef('dev'), type: 'user', ip: '10.0.0.7' },
      plugin: 'catalog',
      eventId: 'entity-mutate',
      action: 'delete',
      target: 'component:default/payments',
      outcome: 'failed',
      error: 'NotAllowedError: no',
      severity: 'medium',
      meta: { reason: 'cleanup of the payments service' },
    });

    const cases: Array<[string, string[]]> = [
      [`actor=${encodeURIComponent(userRef('dev'))}`, ['c-2', 'c-1']],
      ['eventId=location-mutate', ['c-4']],
      ['action=delete', ['c-3', 'c-1']],
      ['target=component%3Adefault%2Fpayments', ['c-2', 'c-1']],
      ['outcome=failed', ['c-1']],
      ['severity=high', ['c-3']],
      ['text=payments%20service', ['c-1']],
      [
        `from=${encodeURIComponent(hoursAgo(45))}&to=${encodeURIComponent(
          hoursAgo(25),
        )}`,
        ['c-3', 'c-2'],
      ],
      [`actor=${encodeURIComponent(userRef('dev'))}&action=delete`, ['c-1']],
    ];
    for (const [query, expected] of cases) {
      const page = await search(`plugin=catalog&${query}`);
      expect({ query, found: correlationIds(page.items) }).toEqual({
        query,
        found: expected,
      });
    }
  });

  it('pages newest first with a keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search(
        `plugin=bulk&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBe(pages < 5 ? 200 : BULK - 1000);
      seen.push(...correlationIds(page.items));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(
      Array.from({ length: BULK }, (_, i) => `bulk-${BULK - 1 - i}`),
    );

    const defaults = await search('plugin=bulk');
    expect(defaults.items).toHaveLength(50);
  });

  it.each(['dev', 'vera'])(
    'answers %s with 403 on every route and audits each denial',
    async who => {
      for (const path of ['/events', '/events/export?format=csv', '/verify']) {
        const res = await get(path, who);
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'Reading the audit trail needs audit.event.read',
        });
      }
      const denials = await search(
        `plugin=audit&eventId=audit-read-denied&outcome=failed&actor=${encodeURIComponent(
          userRef(who),
        )}`,
      );
      expect(denials.items).toHaveLength(3);
      expect(denials.items.map(i => i.meta.queryType)).toEqual([
        'verify',
        'export',
        'events',
      ]);
      expect(denials.items[0]).toMatchObject({
        severity: 'medium',
        actor: { ref: userRef(who), type: 'user' },
        meta: { permission: 'audit.event.read' },
      });
      expect(denials.items[0].error).toMatch(/audit\.event\.read/);
    },
  );

  describe("an entity's activity", () => {
    const activity = (ref: string, who: string, query = '') =>
      get(`/activity?entityRef=${encodeURIComponent(ref)}${query}`, who);

    it('shows an owner what was done to what their group owns, newest first, without reads', async () => {
      const res = await activity('component:default/payments', 'dev');
      expect(res.status).toBe(200);
      // c-2, a low-severity refresh, is left out like every read.
      expect(correlationIds(res.body.items)).toEqual(['c-5', 'c-1']);

      const paged = await activity(
        'Component:default/payments',
        'dev',
        '&limit=1',
      );
      expect(correlationIds(paged.body.items)).toEqual(['c-5']);
      const next = await activity(
        'component:payments',
        'dev',
        `&limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`,
      );
      expect(correlationIds(next.body.items)).toEqual(['c-1']);
      expect(next.body.nextCursor).toBeUndefined();
    });

    it("shows a group's members its activity, and an admin anything", async () => {
      expect(
        (await activity('group:default/team-payments', 'dev')).status,
      ).toBe(200);
      const admin = await activity('component:default/search', 'ada');
      expect(correlationIds(admin.body.items)).toEqual(['c-3']);
    });

    it.each([
      ['linus', 'component:default/payments'],
      ['dev', 'component:default/search'],
      ['dev', 'group:default/team-search'],
      ['dev', 'component:default/unknown'],
      ['vera', 'component:default/payments'],
    ])('answers %s on %s with 403 and audits it', async (who, ref) => {
      const res = await activity(ref, who);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `Reading the activity of ${ref} needs audit.event.read, as an admin or an owner of it`,
      );
      const denials = await search(
        `plugin=audit&eventId=audit-read-denied&actor=${encodeURIComponent(
          userRef(who),
        )}&limit=1`,
      );
      expect(denials.items[0].meta).toMatchObject({
        queryType: 'activity',
        about: ref,
      });
    });

    it.each([
      ['', /entityRef/],
      ['?entityRef=payments', /entityRef: must be an entity ref/],
      ['?entityRef=component:default/payments&limit=500', /limit/],
    ])('answers GET /activity%s with 400', async (query, message) => {
      const res = await get(`/activity${query}`, 'dev');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  it('refuses a call without a user', async () => {
    const res = await request(backend.server).get('/api/audit/events');
    expect([401, 403]).toContain(res.status);
  });

  it('audits an admin read at low severity', async () => {
    await search('plugin=catalog&outcome=failed');
    const reads = await search(
      `plugin=audit&eventId=audit-read&outcome=succeeded&actor=${encodeURIComponent(
        userRef('ada'),
      )}&limit=1`,
    );
    // The newest read is the search just before this one.
    expect(reads.items[0]).toMatchObject({
      severity: 'low',
      meta: {
        queryType: 'events',
        query: { plugin: 'catalog', outcome: 'failed', limit: 50 },
        count: 1,
      },
    });
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=201', /limit/],
    ['limit=ten', /limit: must be a whole number/],
    ['from=yesterday', /from: must be an ISO 8601 time/],
    ['to=2025-01-31', /to: must be an ISO 8601 time/],
    [
      'from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z',
      /from: must be before to/,
    ],
    ['outcome=maybe', /outcome/],
    ['severity=urgent', /severity/],
    ['actor=a&actor=b', /actor/],
    ['plugin=', /plugin/],
    ['text=%00', /NUL/],
    ...invalidCursors.map(
      ([, cursor]) =>
        [`cursor=${encodeURIComponent(cursor)}`, /Invalid cursor/] as [
          string,
          RegExp,
        ],
    ),
  ])('answers GET /events?%s with 400', async (query, message) => {
    const res = await get(`/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it.each([
    ['format=xml', /format/],
    ['format=csv&severity=urgent', /severity/],
    ['format=ndjson&from=later', /from/],
  ])('answers GET /events/export?%s with 400', async (query, message) => {
    const res = await get(`/events/export?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('exports every matching entry as CSV, newest first', async () => {
    const res = await get('/events/export?format=csv&plugin=bulk');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="gantry-audit.csv"',
    );
    const lines = res.text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(
      'id,timestamp,correlationId,actorRef,actorType,ip,userAgent,plugin,eventId,action,target,outcome,severity,error,meta,hash,prevHash',
    );
    expect(lines).toHaveLength(BULK + 1);
    expect(lines.slice(1).map(line => line.split(',')[2])).toEqual(
      Array.from({ length: BULK }, (_, i) => `bulk-${BULK - 1 - i}`),
    );
    expect(lines[1]).toContain(',bulk,task,');
    expect(lines[1]).toContain(`"{""n"":${BULK - 1}}"`);
  });

  it('escapes CSV cells and neutralises formulas', async () => {
    const res = await get('/events/export?plugin=nasty');
    expect(res.status).toBe(200);
    const [, row] = res.text.split('\r\n');
    expect(row).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(row).toContain(`,"'@SUM(A1), ""quoted""\nsecond line",`);
    expect(row).toContain(`,"{""note"":""+1, \\""a\\"" b""}",`);
  });

  it('exports every matching entry as NDJSON', async () => {
    const res = await get('/events/export?format=ndjson&plugin=bulk');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/x-ndjson; charset=utf-8',
    );
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="gantry-audit.ndjson"',
    );
    const lines = res.text.split('\n');
    expect(lines.pop()).toBe('');
    const entries = lines.map(line => JSON.parse(line) as AuditEntry);
    expect(entries.map(e => e.correlationId)).toEqual(
      Array.from({ length: BULK }, (_, i) => `bulk-${BULK - 1 - i}`),
    );
    const [first] = (await search('plugin=bulk&limit=1')).items;
    expect(entries[0]).toEqual(first);
  });

  it('verifies the chain, and retention keeps it verifiable', async () => {
    const before = await get('/verify');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      ok: true,
      checked: expect.any(Number),
    });
    expect(before.body.checked).toBeGreaterThan(LEGACY + BULK);
    expect((await search('plugin=legacy')).items).toHaveLength(LEGACY);

    await backend.triggerTask(AUDIT_RETENTION_TASK_ID);

    expect((await search('plugin=legacy')).items).toHaveLength(0);
    expect((await search('plugin=catalog')).items).toHaveLength(4);
    const pruned = await search('plugin=audit&eventId=audit-retention');
    expect(pruned.items[0]).toMatchObject({
      outcome: 'succeeded',
      severity: 'medium',
      meta: { retentionDays: 30, deleted: LEGACY },
    });
    const after = await get('/verify');
    expect(after.body).toEqual({ ok: true, checked: expect.any(Number) });
  });

  it('names the first broken entry after a row is edited in the database', async () => {
    const [victim] = (await search('plugin=catalog&outcome=failed')).items;
    await knex('audit_entries')
      .where({ id: victim.id })
      .update({ target: 'component:default/innocent' });

    const res = await get('/verify');
    expect(res.status).toBe(200);
    const verification = res.body as AuditVerification;
    expect(verification).toMatchObject({
      ok: false,
      firstBroken: { id: victim.id, reason: expect.stringMatching(/edited/) },
    });
  });
});
