import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTestDatabases,
  sampleGuardrailsConfig,
  userEntity,
} from '@internal/plugin-api-node/testUtils';
import {
  TerraformRunner,
  findTerraformBinary,
} from '@internal/plugin-terraform-node';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MODULES_DIR,
  createApprovalsFake,
  createRecordingAuditor,
} from '../__testUtils__/fakes';
import { DatabaseInfraStore } from '../database/DatabaseInfraStore';
import { compileGuardrails } from '../guardrails/compileGuardrails';
import { systemClock } from './clock';
import { createInfraServices } from './infraServices';
import { DEFAULT_JOB_WORKER_SETTINGS } from './JobWorker';
import { writeRequestModule } from './requestModule';
import { Workspaces } from './Workspaces';

jest.setTimeout(120_000);

const binary = findTerraformBinary();
if (!binary) {
  // eslint-disable-next-line no-console
  console.warn(
    'No terraform or tofu on PATH: the request flow on the real CLI is skipped (requestFlow.test.ts runs it on the test double)',
  );
}
const { databases, describeEach } = createTestDatabases();

const DEV = 'user:default/dev';
const INSTANCE = 'replica-1';
const TERRAFORM = {
  modulesDir: MODULES_DIR,
  regionOf: () => 'eu-west-1',
  stateBackend: 'local' as const,
};

// The plan → approval → apply flow on the real CLI and the sandbox modules: what the test
// double imitates, checked against Terraform itself.
describeEach(
  'Request flow on the real Terraform CLI, %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseInfraStore;
    let workDir: string;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseInfraStore.create({
        database: mockServices.database({ knex }),
      });
      workDir = mkdtempSync(join(tmpdir(), 'gantry-real-flow-'));
    });
    afterAll(() => rmSync(workDir, { recursive: true, force: true }));

    // The rules the portal ships, so this checks them on real plans.
    const guardrails = compileGuardrails(
      mockServices.rootConfig({ data: sampleGuardrailsConfig() }),
    );

    function setup() {
      const approvals = createApprovalsFake();
      const workspaces = new Workspaces(join(workDir, 'workspaces'));
      const runner = new TerraformRunner({
        binary: binary!,
        timeoutMs: 60_000,
      });
      const services = createInfraServices({
        store,
        runner,
        workspaces,
        terraform: TERRAFORM,
        policy: { approverGroups: ['group:default/approvers'], quorum: 1 },
        jobs: DEFAULT_JOB_WORKER_SETTINGS,
        approvals: approvals.service,
        catalog: catalogServiceMock({
          entities: [userEntity('dev', ['team-payments'])],
        }),
        auth: mockServices.auth(),
        auditor: createRecordingAuditor().auditor,
        signals: { publish: jest.fn(async () => {}) },
        events: { publish: jest.fn(async () => {}), subscribe: jest.fn() },
        notifications: { send: jest.fn(async () => {}) },
        logger: mockServices.logger.mock(),
        clock: systemClock,
        instanceId: INSTANCE,
        guardrails,
      });
      const plan = async (id: string) => {
        await store.claimPlan(id, INSTANCE, new Date(), new Date(0));
        await services.planner.run(id, INSTANCE);
        return (await store.getRequest(id))!;
      };
      const approveAndApply = async (id: string) => {
        const request = (await store.getRequest(id))!;
        approvals.setStatus(request.approvalId!, 'approved');
        await services.tracker.follow(request.approvalId!);
        expect(await store.claimApply(id, INSTANCE, new Date())).toBe(true);
        await services.applier.run(id, INSTANCE);
        return (await store.getRequest(id))!;
      };
      return { services, workspaces, runner, plan, approveAndApply, approvals };
    }

    const newSandboxBucket = (name: string) =>
      store.createRequest(
        {
          operation: 'create',
          kind: 's3-bucket',
          resourceName: name,
          environment: 'sandbox',
          requesterRef: DEV,
          ownerRef: 'group:default/team-payments',
          justification: 'A bucket on the real CLI',
          parameters: { versioning: true },
        },
        new Date(),
      );

    it('plans, applies exactly the approved plan, and destroys a sandbox bucket', async () => {
      const { plan, approveAndApply } = setup();
      const name = `real-${databaseId.toLowerCase().replace('_', '-')}-a`;
      const created = await newSandboxBucket(name);

      const planned = await plan(created.id);
      expect(planned.status).toBe('awaiting_approval');
      expect(planned.planSummary).toMatchObject({ add: 1, destroy: 0 });
      expect(planned.planSummary!.resources).toEqual([
        expect.objectContaining({
          address: 'module.resource.terraform_data.bucket',
          type: 'terraform_data',
          action: 'create',
        }),
      ]);
      // The attribute diff from Terraform itself: set values, and values known after apply.
      const diff = planned.planSummary!.resources[0].diff!;
      const input = diff.children!.find(c => c.key === 'input')!;
      expect(input.children).toContainEqual({
        key: 'versioning',
        change: 'added',
        after: { type: 'value', value: 'Enabled' },
      });
      expect(diff.children).toContainEqual({
        key: 'id',
        change: 'added',
        after: { type: 'unknown' },
      });

      const applied = await approveAndApply(created.id);
      expect(applied).toMatchObject({
        status: 'applied',
        outputs: {
          bucket_name: name,
          bucket_arn: `arn:aws:s3:::${name}`,
          region: 'sandbox',
        },
      });
      expect((await store.getResource(created.resourceId))!.status).toBe(
        'active',
      );

      const destroy = await store.createRequest(
        {
          operation: 'destroy',
          kind: 's3-bucket',
          resourceName: name,
          environment: 'sandbox',
          requesterRef: DEV,
          ownerRef: 'group:default/team-payments',
          justification: 'Done with the real CLI bucket',
          parameters: { versioning: true },
          resourceId: created.resourceId,
        },
        new Date(),
      );
      const destroyPlan = await plan(destroy.id);
      expect(destroyPlan.planSummary).toMatchObject({ add: 0, destroy: 1 });
      expect((await approveAndApply(destroy.id)).status).toBe('applied');
      expect((await store.getResource(created.resourceId))!.status).toBe(
        'destroyed',
      );
    });

    it('plans again when another apply changed the state after the plan ("Saved plan is stale")', async () => {
      const { plan, approveAndApply, workspaces, runner } = setup();
      const name = `real-${databaseId.toLowerCase().replace('_', '-')}-b`;
      const created = await newSandboxBucket(name);
      await plan(created.id);

      // Another apply on the same workspace moves the state on before ours runs.
      const dir = await writeRequestModule(workspaces, TERRAFORM, created);
      const other = join(dir, 'other.tfplan');
      await runner.plan(dir, { planFile: other });
      await runner.apply(dir, other);

      const after = await approveAndApply(created.id);
      expect(after).toMatchObject({
        status: 'superseded',
        error: 'Planned again: stale plan',
      });
      const next = await plan(after.supersededBy!);
      expect(next.status).toBe('awaiting_approval');
      // The state already holds the bucket: the new plan changes nothing.
      expect(next.planSummary).toMatchObject({ add: 0, change: 0, destroy: 0 });
      expect(next.planHash).not.toBe(after.planHash);
    });

    it('fails a request whose environment needs a provider it cannot install, with one readable line', async () => {
      const { plan } = setup();
      const created = await store.createRequest(
        {
          operation: 'create',
          kind: 's3-bucket',
          resourceName: `real-${databaseId
            .toLowerCase()
            .replace('_', '-')}-aws`,
          environment: 'dev',
          requesterRef: DEV,
          ownerRef: 'group:default/team-payments',
          justification: 'An AWS bucket on a machine without AWS',
          parameters: { versioning: true },
        },
        new Date(),
      );
      const failed = await plan(created.id);
      expect(failed.status).toBe('failed');
      // One line on the request; the whole Terraform output in its log.
      expect(failed.error).toMatch(/^Plan failed: /);
      expect(failed.error).not.toContain('\n');
      expect(failed.error!.length).toBeLessThan(300);
      const log = (await store.getLogs(created.id, { after: 0, limit: 1000 }))
        .map(l => l.line)
        .join('\n');
      expect(log.length).toBeGreaterThan(failed.error!.length);
      expect((await store.getResource(created.resourceId))!.status).toBe(
        'destroyed',
      );
    });

    it('never lets a sensitive output reach the request, the resource, the log or the API', async () => {
      const { plan, approveAndApply, approvals } = setup();
      const name = `real-${databaseId.toLowerCase().replace('_', '-')}-vm`;
      const created = await store.createRequest(
        {
          operation: 'create',
          kind: 'ec2-instance',
          resourceName: name,
          environment: 'sandbox',
          requesterRef: DEV,
          ownerRef: 'group:default/team-payments',
          justification: 'A sandbox instance with a password',
          parameters: {
            instanceType: 't3.micro',
            subnetId: 'subnet-0abc1234',
            diskGb: 20,
          },
        },
        new Date(),
      );
      const planned = await plan(created.id);
      // The plan marks the output sensitive; its review keeps only that mark.
      expect(planned.planSummary!.outputs).toContainEqual({
        name: 'password_data',
        action: 'create',
        diff: { change: 'added', after: { type: 'sensitive' } },
      });
      const approval = approvals.get(planned.approvalId!);
      const applied = await approveAndApply(created.id);
      expect(applied.status).toBe('applied');
      // What the sandbox module's sensitive output holds (see its outputs.tf).
      const secret = createHash('sha256')
        .update(`${name}/group:default/team-payments/password`)
        .digest('hex');
      expect(Object.keys(applied.outputs!).sort()).toEqual([
        'instance_id',
        'instance_type',
        'private_ip',
      ]);
      const resource = (await store.getResource(created.resourceId))!;
      expect(resource.outputs).not.toHaveProperty('password_data');
      const logs = await store.getLogs(created.id, { after: 0, limit: 5000 });
      const rows = await knex('infra_requests').where({ id: created.id });
      const resourceRows = await knex('infra_resources').where({
        id: created.resourceId,
      });
      for (const text of [
        JSON.stringify(applied),
        JSON.stringify(resource),
        JSON.stringify(logs),
        JSON.stringify(rows.map(r => ({ ...r, plan_file: undefined }))),
        JSON.stringify(resourceRows),
        JSON.stringify(planned),
        JSON.stringify(approval),
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    const newSandboxInstance = (
      name: string,
      instanceType: 't3.medium' | 'm6i.large',
    ) =>
      store.createRequest(
        {
          operation: 'create',
          kind: 'ec2-instance',
          resourceName: name,
          environment: 'sandbox',
          requesterRef: DEV,
          ownerRef: 'group:default/team-payments',
          justification: 'Checking the guardrails',
          parameters: { instanceType, subnetId: 'subnet-0abc1234', diskGb: 20 },
        },
        new Date(),
      );

    it("fails a plan the shipped guardrails deny before approval, with the rule's message", async () => {
      const { plan } = setup();
      const name = `real-${databaseId.toLowerCase().replace('_', '-')}-big`;
      const created = await newSandboxInstance(name, 'm6i.large');
      const failed = await plan(created.id);
      expect(failed.status).toBe('failed');
      expect(failed.approvalId).toBeUndefined();
      expect(failed.error).toBe(
        'Refused by the guardrails: Denied by instance-types: This instance type is not allowed in this environment (module.resource.terraform_data.instance).',
      );
      expect(failed.guardrails).toContainEqual(
        expect.objectContaining({
          name: 'instance-types',
          outcome: 'violated',
        }),
      );
    });

    it('sends a plan with a warning to approval, the warning stored with it', async () => {
      const { plan } = setup();
      const name = `real-${databaseId.toLowerCase().replace('_', '-')}-mid`;
      const created = await newSandboxInstance(name, 't3.medium');
      const planned = await plan(created.id);
      expect(planned.status).toBe('awaiting_approval');
      expect(
        planned.guardrails!.map(r => [r.name, r.level, r.outcome]),
      ).toEqual([
        ['instance-types', 'deny', 'passed'],
        ['larger-instance', 'warn', 'violated'],
        ['s3-block-public-access', 'deny', 'passed'],
        ['prod-owner-tag', 'deny', 'passed'],
        ['protected-resources', 'deny', 'passed'],
      ]);
      // Priced from the sandbox twin's input: 730 h × $0.0456 + 20 GB × $0.088.
      expect(planned.costEstimate).toMatchObject({
        lines: [
          {
            address: 'module.resource.terraform_data.instance',
            change: 'new',
            description: 'EC2 t3.medium with 20 GB gp3',
            monthlyAfter: 35.05,
          },
        ],
        monthly: { new: 35.05, net: 35.05 },
      });
    });
  },
  { skip: !binary },
);
