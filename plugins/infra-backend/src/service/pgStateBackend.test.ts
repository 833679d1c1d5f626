import {
  StalePlanError,
  TerraformCommandError,
  TerraformRunner,
  findTerraformBinary,
  parsePlanReview,
} from '@internal/plugin-terraform-node';
import { knex, Knex } from 'knex';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODULES_DIR } from '../__testUtils__/fakes';
import { renderRootModule } from './rootModule';

// The `pg` backend as production configures it (app-config.production.yaml), on the real CLI
// and the sandbox modules, against a database of its own that is dropped afterwards.

jest.setTimeout(60_000);

const binary = findTerraformBinary();
const connection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const skipReasons = [
  binary ? undefined : 'no terraform or tofu on PATH',
  connection
    ? undefined
    : 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is unset (source scripts/postgres-for-tests.sh)',
].filter(Boolean);
const skipReason = skipReasons.join('; ');
if (skipReason) {
  // eslint-disable-next-line no-console
  console.warn(`The pg state backend is not tested here: ${skipReason}`);
}
const describeWithPostgres = skipReason ? describe.skip : describe;

/** The schema renderRootModule names for a resource. */
const schemaOf = (resourceId: string) =>
  `gantry_${resourceId.replace(/-/g, '')}`;

type StateFile = {
  serial: number;
  lineage: string;
  resources: Array<{ module?: string; type: string; name: string }>;
  outputs: Record<string, { value: unknown }>;
};

type Settled = { dir: string; ok: boolean; error?: unknown; endedAt: number };

describeWithPostgres('Terraform state in PostgreSQL (pg backend)', () => {
  const database = `gantry_tf_state_${randomBytes(4).toString('hex')}`;
  let admin: Knex;
  let states: Knex;
  let root: string;
  // Built in beforeAll: PG_CONN_STR is the only way the backend learns where the database is.
  let runner: TerraformRunner;
  /**
   * The sandbox modules' local-exec sleeps 2 s on create, so two applies overlap; no lock
   * timeout, to show what Terraform does without one.
   */
  let slowRunner: TerraformRunner;
  /** As slowRunner, with the runner's default lock timeout, as Gantry runs it. */
  let waitingRunner: TerraformRunner;

  beforeAll(async () => {
    const url = (name: string) => {
      const u = new URL(connection!);
      u.pathname = `/${name}`;
      return u;
    };
    admin = knex({ client: 'pg', connection: url('postgres').toString() });
    await admin.raw('CREATE DATABASE ??', [database]);
    states = knex({ client: 'pg', connection: url(database).toString() });

    const conn = url(database);
    // lib/pq, which Terraform uses, requires TLS unless told otherwise.
    if (!conn.searchParams.has('sslmode')) {
      conn.searchParams.set('sslmode', 'disable');
    }
    const env = { PG_CONN_STR: conn.toString() };
    const slow = { ...env, GANTRY_SANDBOX_APPLY_SECONDS: '2' };
    runner = new TerraformRunner({ binary: binary!, timeoutMs: 30_000, env });
    slowRunner = new TerraformRunner({
      binary: binary!,
      timeoutMs: 30_000,
      env: slow,
      lockTimeoutSeconds: 0,
    });
    waitingRunner = new TerraformRunner({
      binary: binary!,
      timeoutMs: 30_000,
      env: slow,
    });
    root = mkdtempSync(join(tmpdir(), 'gantry-pg-state-'));
  });

  afterAll(async () => {
    await states?.destroy();
    await admin?.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    await admin?.destroy();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** A fresh, initialized workspace for a sandbox bucket, as a replica would render it. */
  async function workspace(resourceId: string, folder = resourceId) {
    const dir = join(root, folder);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'main.tf.json'),
      renderRootModule(
        {
          resourceId,
          kind: 's3-bucket',
          name: `pg-state-${resourceId.slice(0, 8)}`,
          environment: 'sandbox',
          ownerRef: 'group:default/team-payments',
          parameters: { versioning: true },
        },
        {
          modulesDir: MODULES_DIR,
          region: 'eu-west-1',
          state: { backend: 'pg' },
        },
      ),
    );
    await runner.init(dir);
    return dir;
  }

  /** The rows of a resource's `states` table: one per Terraform workspace, `default` here. */
  async function readStates(resourceId: string) {
    const rows: Array<{ name: string; data: string }> = await states
      .withSchema(schemaOf(resourceId))
      .table('states')
      .select('name', 'data');
    return rows.map(row => ({
      name: row.name,
      state: JSON.parse(row.data) as StateFile,
    }));
  }

  const addresses = (state: StateFile) =>
    state.resources.map(r => `${r.module}.${r.type}.${r.name}`);

  /** Applies both plans at once and reports who won, who lost and when each ended. */
  async function applyTogether(
    using: TerraformRunner,
    dirs: string[],
  ): Promise<{ winner: Settled; loser: Settled }> {
    const settled = await Promise.all(
      dirs.map(dir =>
        using.apply(dir, 'create.tfplan').then(
          (): Settled => ({ dir, ok: true, endedAt: Date.now() }),
          (error): Settled => ({ dir, ok: false, error, endedAt: Date.now() }),
        ),
      ),
    );
    expect(settled.map(s => s.ok).sort()).toEqual([false, true]);
    return {
      winner: settled.find(s => s.ok)!,
      loser: settled.find(s => !s.ok)!,
    };
  }

  it("keeps a resource's state in its own schema, and its outputs are readable", async () => {
    const resourceId = randomUUID();
    const dir = await workspace(resourceId);
    expect(
      (await runner.plan(dir, { planFile: 'create.tfplan' })).hasChanges,
    ).toBe(true);
    await runner.apply(dir, 'create.tfplan');

    const [row, ...others] = await readStates(resourceId);
    expect(others).toEqual([]);
    expect(row.name).toBe('default');
    expect(addresses(row.state)).toEqual([
      'module.resource.terraform_data.bucket',
    ]);
    const name = `pg-state-${resourceId.slice(0, 8)}`;
    expect(row.state.outputs.bucket_name.value).toBe(name);
    expect((await runner.output(dir)).bucket_name.value).toBe(name);
    // Nothing on the replica's disk: another replica could take over from here.
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false);
  });

  it('serializes two concurrent first applies of one resource: without a lock timeout the loser fails at once', async () => {
    // Two replicas with workspaces for the same resource (same schema) each plan the create,
    // then apply together, with -lock-timeout=0s (Terraform's own default). While the winner sleeps in its local-exec, the loser asks for the lock, gets
    // "Error acquiring the state lock ... Already locked for workspace creation" (the row does
    // not exist yet, so the pg backend takes its creation lock) and exits 1 without touching
    // the state. Its plan is stale from then on.
    const resourceId = randomUUID();
    const dirs = [
      await workspace(resourceId, `${resourceId}-a`),
      await workspace(resourceId, `${resourceId}-b`),
    ];
    for (const dir of dirs) {
      await slowRunner.plan(dir, { planFile: 'create.tfplan' });
    }
    const { winner, loser } = await applyTogether(slowRunner, dirs);

    expect(loser.error).toBeInstanceOf(TerraformCommandError);
    const stderr = (loser.error as TerraformCommandError).stderrTail;
    expect(stderr).toMatch(/Error acquiring the state lock/);
    expect(stderr).toMatch(/Already locked for workspace creation/);
    expect(loser.endedAt).toBeLessThan(winner.endedAt);

    // One intact state: valid JSON, one bucket, the serial one apply writes.
    const [row, ...others] = await readStates(resourceId);
    expect(others).toEqual([]);
    expect(addresses(row.state)).toEqual([
      'module.resource.terraform_data.bucket',
    ]);
    expect(row.state.serial).toBe(1);
    // And both workspaces now see the same, complete state.
    for (const dir of dirs) {
      expect(
        (await runner.plan(dir, { planFile: 'again.tfplan' })).hasChanges,
      ).toBe(false);
    }
  });

  it('with the default lock timeout of the runner, the loser waits for the lock, then refuses its stale plan', async () => {
    // Same race, with the runner's default -lock-timeout: the loser retries the lock until the
    // winner releases it (after its 2 s create), then finds the state changed since its plan
    // and stops with "Saved plan is stale", which the runner turns into StalePlanError.
    const resourceId = randomUUID();
    const dirs = [
      await workspace(resourceId, `${resourceId}-a`),
      await workspace(resourceId, `${resourceId}-b`),
    ];
    for (const dir of dirs) {
      await waitingRunner.plan(dir, { planFile: 'create.tfplan' });
    }
    const { winner, loser } = await applyTogether(waitingRunner, dirs);

    expect(loser.error).toBeInstanceOf(StalePlanError);
    expect(loser.endedAt).toBeGreaterThanOrEqual(winner.endedAt);

    const [row, ...others] = await readStates(resourceId);
    expect(others).toEqual([]);
    expect(addresses(row.state)).toEqual([
      'module.resource.terraform_data.bucket',
    ]);
    expect(row.state.serial).toBe(1);
  });

  it('first applies of two different resources contend for one creation lock per database, so the runner waits for it', async () => {
    // The pg backend locks an existing state with an advisory lock on its row id (ids come
    // from the shared sequence public.global_states_id_seq, so they differ across schemas),
    // but a state that does not exist yet with the database-wide advisory lock -1. Without a
    // lock timeout, the first plan or apply of one resource fails while another resource's
    // first apply runs; two job workers would hit that all the time.
    const ids = [randomUUID(), randomUUID()];
    const dirs = [await workspace(ids[0]), await workspace(ids[1])];
    for (const dir of dirs) {
      await slowRunner.plan(dir, { planFile: 'create.tfplan' });
    }
    const { loser } = await applyTogether(slowRunner, dirs);
    expect(loser.error).toBeInstanceOf(TerraformCommandError);
    expect((loser.error as TerraformCommandError).stderrTail).toMatch(
      /Already locked for workspace creation/,
    );
    // The loser's plan is not stale (its own state never changed): applying it again works.
    await runner.apply(loser.dir, 'create.tfplan');

    // With the runner's default lock timeout, as Gantry runs it, both first applies succeed.
    const more = [randomUUID(), randomUUID()];
    const moreDirs = [await workspace(more[0]), await workspace(more[1])];
    for (const dir of moreDirs) {
      await waitingRunner.plan(dir, { planFile: 'create.tfplan' });
    }
    const results = await Promise.allSettled(
      moreDirs.map(dir => waitingRunner.apply(dir, 'create.tfplan')),
    );
    expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
    ids.push(...more);
    for (const id of ids) {
      const [row] = await readStates(id);
      expect(addresses(row.state)).toEqual([
        'module.resource.terraform_data.bucket',
      ]);
    }
  });

  it('a destroy leaves the schema and its row, with a state of no resources', async () => {
    const resourceId = randomUUID();
    const dir = await workspace(resourceId);
    await runner.plan(dir, { planFile: 'create.tfplan' });
    await runner.apply(dir, 'create.tfplan');
    const [before] = await readStates(resourceId);

    await runner.planDestroy(dir, { planFile: 'destroy.tfplan' });
    expect(
      parsePlanReview(await runner.showPlanJson(dir, 'destroy.tfplan')).destroy,
    ).toBe(1);
    await runner.apply(dir, 'destroy.tfplan');

    // Terraform never drops what the pg backend created: the schema, its `states` table and
    // the `default` row stay, holding an empty state with the same lineage. Removing them is
    // up to Gantry (or an operator) once the resource is gone for good.
    const [row, ...others] = await readStates(resourceId);
    expect(others).toEqual([]);
    expect(row.name).toBe('default');
    expect(row.state.resources).toEqual([]);
    expect(row.state.outputs).toEqual({});
    expect(row.state.lineage).toBe(before.state.lineage);
    expect(row.state.serial).toBeGreaterThan(before.state.serial);
  });
});
