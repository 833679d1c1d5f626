import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { repoRoot } from './__testUtils__/kitOptions';
import { scaffolderModuleGantryKit } from './module';

const template: Entity = parse(
  fs.readFileSync(
    path.join(repoRoot, 'templates/new-ops-plugin/template.yaml'),
    'utf8',
  ),
);
template.metadata.namespace = 'default';

const values = (overrides: Record<string, string> = {}) => ({
  pluginId: 'cost-reports',
  title: 'Cost reports',
  description: 'Monthly cost reports per team',
  owner: 'group:default/team-payments',
  publish: 'local',
  ...overrides,
});

const asAdmin = `Bearer ${mockCredentials.user.token('user:default/ada')}`;

type TaskEvent = {
  type: string;
  body: {
    message?: string;
    output?: { text?: Array<{ title: string; content: string }> };
  };
};

/** templates/new-ops-plugin run by the real scaffolder with this module's actions. */
describe('templates/new-ops-plugin in the scaffolder', () => {
  const output = createMockDirectory();
  let server: Parameters<typeof request>[0];
  let stop = async () => {};

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleGantryKit,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            gantryKit: { rootDir: repoRoot, localOutputDir: output.path },
          },
        }),
        catalogServiceMock.factory({ entities: [template] }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  beforeEach(() => {
    output.clear();
  });

  async function run(taskValues: Record<string, string>) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', asAdmin)
      .send({
        templateRef: 'template:default/new-ops-plugin',
        values: taskValues,
      });
    expect(created.status).toBe(201);
    const taskUrl = `/api/scaffolder/v2/tasks/${created.body.id}`;
    for (let i = 0; i < 600; i++) {
      const task = await request(server)
        .get(taskUrl)
        .set('Authorization', asAdmin);
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`${taskUrl}/events`)
          .set('Authorization', asAdmin);
        return {
          status: task.body.status as string,
          events: events.body as TaskEvent[],
        };
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error('the new-ops-plugin task did not finish');
  }

  it('writes the change set locally and shows its diff and the next steps', async () => {
    const { status, events } = await run(values());

    expect(status).toBe('completed');
    for (const file of [
      'plugins/cost-reports-common/src/permissions.ts',
      'plugins/cost-reports-backend/package.json',
      'plugins/cost-reports/src/api/CostReportsClient.ts',
    ]) {
      expect(fs.existsSync(path.join(output.path, file))).toBe(true);
    }
    const completion = events.find(event => event.type === 'completion');
    const text = completion?.body.output?.text ?? [];
    expect(text.map(item => item.title)).toEqual(['Change set', 'Next steps']);
    expect(text[0].content).toContain(`Written under \`${output.path}\``);
    expect(text[0].content).toContain(
      '+++ b/plugins/cost-reports-backend/package.json',
    );
    expect(text[1].content).toContain(
      '- permission: [cost-reports.item.read, cost-reports.item.create, cost-reports.item.publish]',
    );
    expect(text[1].content).toContain('docs/writing-a-plugin.md');
  });

  it('fails before writing anything when pull requests are not configured', async () => {
    const { status, events } = await run(
      values({
        publish: 'pull-request',
        repoUrl: 'github.com?owner=acme&repo=gantry',
      }),
    );

    expect(status).toBe('failed');
    const messages = events.map(event => event.body.message ?? '').join('\n');
    expect(messages).toContain(
      "This portal publishes new plugins as 'local' (gantryKit.publish), not 'pull-request'",
    );
    expect(messages).not.toMatch(/publish:github:pull-request/);
    expect(output.content()).toEqual({});
  });

  it('refuses to run over a plugin folder written before', async () => {
    output.addContent({ 'plugins/cost-reports/package.json': '{}' });

    const { status, events } = await run(values());

    expect(status).toBe('failed');
    expect(events.map(event => event.body.message ?? '').join('\n')).toContain(
      'plugins/cost-reports already exists',
    );
    expect(output.content()).toEqual({
      plugins: { 'cost-reports': { 'package.json': '{}' } },
    });
  });

  it('shows the diff in a dry run (the template editor) without writing', async () => {
    const dryRun = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', asAdmin)
      .send({ template, values: values(), directoryContents: [] });

    expect(dryRun.status).toBe(200);
    const text: Array<{ title: string; content: string }> =
      dryRun.body.output.text;
    expect(text[0].title).toBe('Change set');
    expect(text[0].content).toContain(
      '+++ b/plugins/cost-reports-common/src/permissions.ts',
    );
    expect(output.content()).toEqual({});
  });
});
