import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  InfraTestBackend,
  asUser,
  startInfraBackendOn,
} from '../__testUtils__/startInfraBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();
const OWNER = 'group:default/team-payments';

// The plan of an EC2 instance carries the module's sensitive `password_data` output in
// clear, marked sensitive; the review must keep only the marker, everywhere it goes.
describeEach('plan review secrets on %s', databaseId => {
  let knex: Knex;
  let backend: InfraTestBackend;

  beforeAll(async () => {
    ({ knex, backend } = await startInfraBackendOn(databases, databaseId));
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const get = (path: string) =>
    request(backend.server)
      .get(`/api/infra${path}`)
      .set('Authorization', asUser('dev'));

  async function waitForStatus(id: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const res = await get(`/requests/${id}`);
      if (res.body.status === status) return res;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`Request ${id} never reached ${status}`);
  }

  it('keeps a sensitive value out of the stored row, the API and the approval', async () => {
    const name = `secret-${databaseId.toLowerCase().replace(/_/g, '-')}`;
    const submitted = await request(backend.server)
      .post('/api/infra/requests')
      .set('Authorization', asUser('dev'))
      .send({
        kind: 'ec2-instance',
        name,
        environment: 'dev',
        ownerRef: OWNER,
        justification: 'An instance whose plan holds a password',
        parameters: { instanceType: 't3.micro', subnetId: 'subnet-0abc1234' },
      });
    expect(submitted.status).toBe(202);
    const res = await waitForStatus(submitted.body.id, 'awaiting_approval');
    const secret = createHash('sha256')
      .update(`${name}/${OWNER}/password`)
      .digest('hex');

    // The plan itself holds the value (as Terraform's does): the test can see a leak.
    const [row] = await knex('infra_requests').where({ id: res.body.id });
    expect(Buffer.from(row.plan_file).toString('utf8')).toContain(secret);

    // The review says there is a sensitive value, and no more.
    expect(res.body.planSummary.outputs).toContainEqual({
      name: 'password_data',
      action: 'create',
      diff: { change: 'added', after: { type: 'sensitive' } },
    });
    const list = await get('/requests?mine=true');
    const approval = backend.approvals.get(res.body.approvalId);
    expect(approval.details).toHaveProperty('planSummary.version', 2);
    for (const text of [
      res.text,
      list.text,
      JSON.stringify({ ...row, plan_file: undefined }),
      JSON.stringify(approval),
    ]) {
      expect(text).toContain('password_data');
      expect(text).not.toContain(secret);
    }
  });
});
