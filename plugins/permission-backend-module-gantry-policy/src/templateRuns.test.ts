import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import {
  onBehalfOfAwareAuthServiceFactory,
  sampleRolesConfig,
  userEntity,
  userInfoServiceFactory,
} from '@internal/plugin-api-node/testUtils';
import request from 'supertest';
import { permissionModuleGantryPolicy } from './module';

const people: Record<string, string[]> = {
  dev: ['team-payments', 'developers'],
  vera: [],
  ada: ['platform-admins'],
};

const asUser = (name: string) =>
  `Bearer ${mockCredentials.user.token(`user:default/${name}`)}`;

/** A developer-tagged template whose one step calls `action`. */
function template(name: string, action: string): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default', tags: ['developer'] },
    spec: {
      owner: 'group:default/platform-admins',
      type: 'test',
      parameters: [],
      steps: [{ id: 'only', name: 'Only step', action, input: {} }],
    },
  };
}

/** Stand-ins under the ids of the Terraform actions, which only the infra flow may call. */
const ran: string[] = [];
const guardedActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'guarded-action-ids',
  register(reg) {
    reg.registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        for (const id of ['terraform:apply', 'terraform:output']) {
          actions.addActions(
            createTemplateAction({
              id,
              description: `Stands in for ${id}: records that it ran`,
              async handler() {
                ran.push(id);
              },
            }),
          );
        }
      },
    });
  },
});

describe('who may run which template actions, through the real scaffolder and the sample roles', () => {
  let server: Parameters<typeof request>[0];
  let stop = async () => {};

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        guardedActions,
        permissionPlugin,
        permissionModuleGantryPolicy,
        permissionsServiceFactory,
        onBehalfOfAwareAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            permission: { enabled: true },
            ...sampleRolesConfig(),
          },
        }),
        catalogServiceMock.factory({
          entities: [
            ...Object.entries(people).map(([n, g]) => userEntity(n, g)),
            template('say-hello', 'debug:log'),
            template('apply-directly', 'terraform:apply'),
            template('read-outputs', 'terraform:output'),
          ],
        }),
        userInfoServiceFactory(people),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  async function run(user: string, templateName: string) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', asUser(user))
      .send({ templateRef: `template:default/${templateName}`, values: {} });
    if (created.status !== 201) return { created, status: undefined };
    const taskUrl = `/api/scaffolder/v2/tasks/${created.body.id}`;
    for (let i = 0; i < 200; i++) {
      const task = await request(server)
        .get(taskUrl)
        .set('Authorization', asUser(user));
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`${taskUrl}/events`)
          .set('Authorization', asUser(user));
        const messages = (events.body as Array<{ body: { message?: string } }>)
          .map(e => e.body.message ?? '')
          .join('\n');
        return { created, status: task.body.status as string, messages };
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`task of ${templateName} did not finish`);
  }

  it('lets a developer run a template made of the actions their role grants', async () => {
    const result = await run('dev', 'say-hello');
    expect(result.created.status).toBe(201);
    expect(result.status).toBe('completed');
  });

  it.each(['apply-directly', 'read-outputs'])(
    'refuses a developer the step of %s: Terraform actions run only inside the infra flow, after the approval',
    async name => {
      const result = await run('dev', name);
      expect(result.status).toBe('failed');
      expect(result.messages).toMatch(/Unauthorized action/);
      expect(ran).toEqual([]);
    },
  );

  it('refuses a viewer any task, and any dry-run of an inline template', async () => {
    const task = await run('vera', 'say-hello');
    expect(task.created.status).toBe(403);

    const dryRun = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', asUser('vera'))
      .send({
        template: template('inline', 'terraform:apply'),
        values: {},
        directoryContents: [],
      });
    expect(dryRun.status).toBe(403);
    expect(ran).toEqual([]);
  });

  it('lets the admin run the same action a developer is refused', async () => {
    const result = await run('ada', 'apply-directly');
    expect(result.status).toBe('completed');
    expect(ran).toEqual(['terraform:apply']);
  });
});
