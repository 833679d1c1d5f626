import { AuditStore, DatabaseAuditStore } from '@internal/plugin-audit-node';
import { INFRA_APPROVAL_KIND } from '@internal/plugin-infra-common';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { cliRunsOf } from '../__testUtils__/fakes';
import {
  InfraTestBackend,
  asUser,
  startInfraBackend,
} from '../__testUtils__/startInfraBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

/**
 * The real central audit store, except that it cannot store the apply's event: the audit
 * database failing at that moment is a fault a real run cannot produce on demand.
 */
function storeFailingOn(eventId: string, real: AuditStore) {
  const refused: string[] = [];
  const store: AuditStore = {
    append(entries) {
      if (entries.some(e => e.eventId === eventId)) {
        refused.push(...entries.map(e => `${e.eventId}:${e.outcome}`));
        return Promise.reject(new Error('audit database is unavailable'));
      }
      return real.append(entries);
    },
    query: q => real.query(q),
    stream: q => real.stream(q),
    verify: () => real.verify(),
    prune: before => real.prune(before),
  };
  return { store, refused };
}

describeEach(
  'an apply whose audit event cannot be stored, on %s',
  databaseId => {
    let knex: Knex;
    let auditKnex: Knex;
    let workDir: string;
    let argvLog: string;
    let backend: InfraTestBackend;
    let audit: ReturnType<typeof storeFailingOn>;
    const argvLogBefore = process.env.FAKE_TERRAFORM_ARGV_LOG;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      workDir = mkdtempSync(join(tmpdir(), 'gantry-infra-audit-'));
      // The CLI double inherits the backend's environment and records every argv here.
      argvLog = join(workDir, 'argv.jsonl');
      process.env.FAKE_TERRAFORM_ARGV_LOG = argvLog;
      auditKnex = knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
      audit = storeFailingOn(
        'infra-request-apply',
        await DatabaseAuditStore.create({ knex: auditKnex }),
      );
      backend = await startInfraBackend(knex, {
        workDir,
        auditStore: audit.store,
      });
    });

    afterAll(async () => {
      await backend?.stop();
      await auditKnex?.destroy();
      if (argvLogBefore === undefined)
        delete process.env.FAKE_TERRAFORM_ARGV_LOG;
      else process.env.FAKE_TERRAFORM_ARGV_LOG = argvLogBefore;
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    });

    const get = (path: string) =>
      request(backend.server)
        .get(`/api/infra${path}`)
        .set('Authorization', asUser('dev'));

    async function waitForStatus(id: string, statuses: string[]) {
      let last = '';
      for (let i = 0; i < 200; i++) {
        const res = await get(`/requests/${id}`);
        if (statuses.includes(res.body.status)) return res.body;
        last = res.body.status;
        await new Promise(r => setTimeout(r, 50));
      }
      throw new Error(
        `Request ${id} never reached ${statuses.join(' or ')}; it is ${last}`,
      );
    }

    it('refuses the apply, fails the request and never runs terraform apply', async () => {
      const created = await request(backend.server)
        .post('/api/infra/requests')
        .set('Authorization', asUser('dev'))
        .send({
          kind: 's3-bucket',
          name: `audit-${databaseId.toLowerCase()}`.replace(/_/g, '-'),
          environment: 'dev',
          ownerRef: 'group:default/team-payments',
          justification: 'Receipts for the payments service',
          parameters: { versioning: true },
        });
      expect(created.status).toBe(202);
      const planned = await waitForStatus(created.body.id, [
        'awaiting_approval',
      ]);
      // Planning ran the double and was audited: the store works for every other event.
      expect(cliRunsOf(argvLog, 'plan', planned.id)).toBeGreaterThan(0);
      const plans = await audit.store.query({
        eventId: 'infra-request-plan',
        outcome: 'succeeded',
      });
      expect(plans.items).toHaveLength(1);

      backend.approvals.setStatus(planned.approvalId, 'approved');
      await backend.deliver({
        topic: 'gantry.approvals',
        eventPayload: {
          requestId: planned.approvalId,
          kind: INFRA_APPROVAL_KIND,
          status: 'approved',
          payloadHash: backend.approvals.get(planned.approvalId).payloadHash,
        },
      });

      const ended = await waitForStatus(planned.id, ['failed', 'applied']);
      expect(ended.status).toBe('failed');
      expect(ended.error).toMatch(/audit trail could not be written/);
      expect(audit.refused).toEqual(['infra-request-apply:initiated']);

      const logs = await get(`/requests/${planned.id}/logs`);
      expect(
        logs.body.items.map((l: { line: string }) => l.line).join('\n'),
      ).toMatch(/audit trail could not be written/);

      // Terraform never ran the apply, and the approval was reported as not executed.
      expect(cliRunsOf(argvLog, 'apply', planned.id)).toBe(0);
      expect(backend.approvals.reportsOf(planned.approvalId)).toEqual([
        'failed',
      ]);
    });
  },
);
