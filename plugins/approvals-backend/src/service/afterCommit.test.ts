import { AuditOutcome, NewAuditEntry } from '@internal/plugin-audit-common';
import { AuditStore, DatabaseAuditStore } from '@internal/plugin-audit-node';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import request from 'supertest';
import {
  asPluginFor,
  asUser,
  startApprovalsBackend,
} from '../__testUtils__/startApprovalsBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const baseRequest = {
  kind: 'demo',
  title: 'Open a bucket',
  summary: 'A bucket for payment receipts',
  onBehalfOfRef: 'group:default/team-payments',
  approvers: { groups: ['group:default/approvers'] },
  payload: { bucket: 'receipts', region: 'eu-west-1' },
};

// A replica that shuts down stops its plugins while requests are still open: a decision that
// passed its checks and stored its vote then finds the catalog and the permission backend
// answering 503. These cases fail a step after the vote is committed.
describeEach('a committed decision on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startApprovalsBackend>>;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  let store: AuditStore;
  /** Whether the catalog answers 503 now. */
  let catalogDown = async () => false;
  /** The audit outcome that cannot be stored for a decision. */
  let unstorableDecideOutcome: AuditOutcome | undefined;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseAuditStore.create({
      knex: await databases.init(databaseId),
    });
    const auditStore: AuditStore = {
      append: async (entries: NewAuditEntry[]) => {
        if (
          entries.some(
            e =>
              e.eventId === 'approval-request-decide' &&
              e.outcome === unstorableDecideOutcome,
          )
        ) {
          throw new Error('connection terminated');
        }
        await store.append(entries);
      },
      query: q => store.query(q),
      stream: q => store.stream(q),
      verify: () => store.verify(),
      prune: before => store.prune(before),
    };
    backend = await startApprovalsBackend(knex, {
      auditStore,
      catalogDown: () => catalogDown(),
    });
  });

  beforeEach(() => {
    catalogDown = async () => false;
  });

  afterEach(() => {
    unstorableDecideOutcome = undefined;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function open(overrides: Record<string, unknown> = {}) {
    const res = await request(backend.server)
      .post('/api/approvals/requests')
      .set('Authorization', asPluginFor('dev'))
      .send({ ...baseRequest, ...overrides });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  const decide = (id: string, who: string, body: object) =>
    request(backend.server)
      .post(`/api/approvals/requests/${id}/decision`)
      .set('Authorization', asUser(who))
      .send(body);

  /** The catalog goes down once the request has a stored vote. */
  const downOnceVotedOn = (id: string) => async () =>
    (await knex('approval_votes').where({ request_id: id }).first()) !==
    undefined;

  const decideOutcomes = async (id: string) =>
    (
      await store.query({ eventId: 'approval-request-decide', target: id })
    ).items.map(e => e.outcome);

  it('answers with the outcome when the catalog stops answering after the vote is stored', async () => {
    const created = await open();
    catalogDown = downOnceVotedOn(created.id);

    const res = await decide(created.id, 'alan', { decision: 'approve' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.id,
      status: 'approved',
      approvals: 1,
      viewer: {
        isRequester: false,
        isApprover: true,
        hasVoted: true,
        canDecide: false,
        canCancel: false,
      },
    });
    expect(await decideOutcomes(created.id)).toEqual([
      'succeeded',
      'initiated',
    ]);
    expect(backend.published).toContainEqual(
      expect.objectContaining({
        eventPayload: expect.objectContaining({
          requestId: created.id,
          status: 'approved',
        }),
      }),
    );
  });

  it('refuses a decision when the catalog is down before the vote, storing none', async () => {
    const created = await open();
    catalogDown = async () => true;

    const res = await decide(created.id, 'alan', { decision: 'approve' });

    expect(res.status).toBe(503);
    expect(
      await knex('approval_votes').where({ request_id: created.id }),
    ).toEqual([]);
    expect(await decideOutcomes(created.id)).toEqual(['failed', 'initiated']);
  });

  it('keeps a stored vote whose succeeded audit event cannot be stored, and records no failure', async () => {
    const created = await open();
    unstorableDecideOutcome = 'succeeded';

    const res = await decide(created.id, 'alan', { decision: 'approve' });

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(await decideOutcomes(created.id)).toEqual(['initiated']);
  });

  it('refuses a decision whose initiated audit event cannot be stored', async () => {
    const created = await open();
    unstorableDecideOutcome = 'initiated';

    const res = await decide(created.id, 'alan', { decision: 'approve' });

    expect(res.status).toBe(503);
    expect(
      await knex('approval_votes').where({ request_id: created.id }),
    ).toEqual([]);
  });
});
