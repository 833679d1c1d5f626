import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuditStore } from './AuditStore';
import { auditStoreServiceRef } from './auditStoreServiceRef';
import { gantryAuditorServiceFactory } from './gantryAuditorServiceFactory';

jest.setTimeout(60_000);

/** A plugin that audits one event at startup, as the test asks. */
function auditingPlugin(
  run: (auditor: typeof coreServices.auditor.T) => Promise<void>,
) {
  return createBackendPlugin({
    pluginId: 'demo',
    register(env) {
      env.registerInit({
        deps: { auditor: coreServices.auditor },
        async init({ auditor }) {
          await run(auditor);
        },
      });
    },
  });
}

const failingStore: AuditStore = {
  append: () => Promise.reject(new Error('database is down')),
  query: () => Promise.reject(new Error('unused')),
  stream: () => {
    throw new Error('unused');
  },
  verify: () => Promise.reject(new Error('unused')),
  prune: () => Promise.reject(new Error('unused')),
};

describe('gantryAuditorServiceFactory', () => {
  it('persists each event through the real central store, initiated and outcome under one correlation id', async () => {
    let store: AuditStore | undefined;
    const backend = await startTestBackend({
      features: [
        gantryAuditorServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          },
        }),
        auditingPlugin(async auditor => {
          const event = await auditor.createEvent({
            eventId: 'apply',
            severityLevel: 'high',
            meta: {
              actionType: 'apply',
              entityRef: 'resource:default/db',
              password: 'hunter2',
            },
          });
          await event.success({ meta: { planId: 'p1' } });
          const failed = await auditor.createEvent({ eventId: 'plan' });
          await failed.fail({ error: new TypeError('no plan') });
        }),
        createBackendPlugin({
          pluginId: 'reader',
          register(env) {
            env.registerInit({
              deps: { audit: auditStoreServiceRef },
              async init({ audit }) {
                store = audit;
              },
            });
          },
        }),
      ],
    });

    const { items } = await store!.query({});
    expect(items.map(e => [e.eventId, e.outcome])).toEqual([
      ['plan', 'failed'],
      ['plan', 'initiated'],
      ['apply', 'succeeded'],
      ['apply', 'initiated'],
    ]);
    const [planFailed, planStarted, applied, applyStarted] = items;
    expect(applied.correlationId).toBe(applyStarted.correlationId);
    expect(planFailed.correlationId).toBe(planStarted.correlationId);
    expect(applied.correlationId).not.toBe(planFailed.correlationId);
    expect(applied).toMatchObject({
      plugin: 'demo',
      action: 'apply',
      target: 'resource:default/db',
      severity: 'high',
      actor: { ref: 'plugin:demo', type: 'service' },
      meta: {
        actionType: 'apply',
        entityRef: 'resource:default/db',
        password: '(redacted)',
        planId: 'p1',
      },
    });
    expect(planFailed).toMatchObject({
      severity: 'low',
      error: 'TypeError: no plan',
    });
    await expect(store!.verify()).resolves.toEqual({ ok: true, checked: 4 });
    await backend.stop();
  });

  it('fails a medium event closed when it cannot be stored, and lets a low one through', async () => {
    const outcomes: Record<string, string> = {};
    const backend = await startTestBackend({
      features: [
        gantryAuditorServiceFactory,
        createServiceFactory({
          service: auditStoreServiceRef,
          deps: {},
          factory: () => failingStore,
        }),
        auditingPlugin(async auditor => {
          for (const severityLevel of ['low', 'medium', 'critical'] as const) {
            outcomes[severityLevel] = await auditor
              .createEvent({ eventId: 'read', severityLevel })
              .then(
                () => 'ran',
                (e: Error) => `${e.name}: ${e.message}`,
              );
          }
        }),
      ],
    });
    expect(outcomes).toEqual({
      low: 'ran',
      medium:
        'ServiceUnavailableError: Could not store the audit event demo.read (initiated, medium), so the action is refused; caused by Error: database is down',
      critical: expect.stringContaining('so the action is refused'),
    });
    await backend.stop();
  });
});
