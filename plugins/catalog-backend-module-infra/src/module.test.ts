import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EntityProvider,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import { InfraResource } from '@internal/plugin-infra-common';
import {
  INFRA_EVENTS_TOPIC,
  InfraService,
  infraServiceRef,
} from '@internal/plugin-infra-node';
import { catalogModuleInfra } from './module';

const resource: InfraResource = {
  id: 'res-1',
  kind: 'vpc',
  name: 'team-a-network',
  environment: 'dev',
  ownerRef: 'group:default/team-a',
  status: 'active',
  outputs: { vpc_id: 'vpc-123' },
  lastRequestId: 'req-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

async function startModule(
  configData: object = { app: { baseUrl: 'http://localhost:3000' } },
) {
  const providers = new Array<EntityProvider>();
  const tasks = new Array<
    SchedulerServiceTaskScheduleDefinition &
      SchedulerServiceTaskInvocationDefinition
  >();
  const subscriptions = new Array<EventsServiceSubscribeOptions>();
  const infra: jest.Mocked<InfraService> = {
    submitRequest: jest.fn(),
    getRequest: jest.fn(),
    applyRequest: jest.fn(),
    listResources: jest.fn(),
    reportCatalogSync: jest.fn().mockResolvedValue(undefined),
  };
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.push(task);
    },
  });
  const events = mockServices.events.mock({
    subscribe: async options => {
      subscriptions.push(options);
    },
  });

  await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (...added) => providers.push(...added.flat()),
        },
      ],
    ],
    features: [
      catalogModuleInfra,
      createServiceFactory({
        service: infraServiceRef,
        deps: {},
        factory: () => infra,
      }),
      logger.factory,
      scheduler.factory,
      events.factory,
      mockServices.rootConfig.factory({ data: configData }),
    ],
  });

  return { providers, tasks, subscriptions, infra, logger };
}

function connect(provider: EntityProvider) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  return provider.connect(connection).then(() => connection);
}

describe('catalogModuleInfra', () => {
  it('adds the gantry-infra provider and schedules it every minute by default', async () => {
    const { providers, tasks } = await startModule();

    expect(providers.map(p => p.getProviderName())).toEqual(['gantry-infra']);
    expect(tasks).toEqual([
      expect.objectContaining({
        id: 'gantry-infra-entity-provider',
        frequency: { seconds: 60 },
        timeout: { minutes: 2 },
        initialDelay: { seconds: 5 },
      }),
    ]);
  });

  it('reads the refresh interval from config', async () => {
    const { tasks } = await startModule({
      app: { baseUrl: 'http://localhost:3000' },
      gantry: { infra: { catalogRefreshSeconds: 15 } },
    });

    expect(tasks[0].frequency).toEqual({ seconds: 15 });
  });

  it('refreshes the catalog on schedule and on infra events', async () => {
    const { providers, tasks, subscriptions, infra } = await startModule();
    infra.listResources.mockResolvedValue({ items: [resource] });
    const connection = await connect(providers[0]);

    await tasks[0].fn(new AbortController().signal);
    expect(subscriptions).toEqual([
      expect.objectContaining({
        id: 'catalog-infra-provider',
        topics: [INFRA_EVENTS_TOPIC],
      }),
    ]);
    await subscriptions[0].onEvent({
      topic: INFRA_EVENTS_TOPIC,
      eventPayload: {
        resourceId: 'res-1',
        requestId: 'req-1',
        status: 'active',
      },
    });

    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(infra.reportCatalogSync.mock.calls).toEqual([
      [{ succeeded: true, entities: 1 }],
      [{ succeeded: true, entities: 1 }],
    ]);
    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({
            kind: 'Resource',
            metadata: expect.objectContaining({ name: 'team-a-network' }),
          }),
        }),
      ],
    });
  });

  it('logs a failed refresh instead of throwing it out of the event handler or task', async () => {
    const { providers, tasks, subscriptions, infra, logger } =
      await startModule();
    infra.listResources.mockRejectedValue(new Error('infra backend down'));
    const connection = await connect(providers[0]);

    await expect(
      subscriptions[0].onEvent({ topic: INFRA_EVENTS_TOPIC, eventPayload: {} }),
    ).resolves.toBeUndefined();
    await expect(
      tasks[0].fn(new AbortController().signal),
    ).resolves.toBeUndefined();

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(infra.reportCatalogSync.mock.calls).toEqual([
      [{ succeeded: false, error: 'infra backend down' }],
      [{ succeeded: false, error: 'infra backend down' }],
    ]);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(
      'Failed to refresh infra resources in the catalog',
      expect.objectContaining({ message: 'infra backend down' }),
    );
  });

  it('reports nothing before the catalog has connected, and survives a report that fails', async () => {
    const { providers, tasks, infra, logger } = await startModule();
    infra.listResources.mockResolvedValue({ items: [resource] });

    await tasks[0].fn(new AbortController().signal);
    expect(infra.reportCatalogSync).not.toHaveBeenCalled();

    await connect(providers[0]);
    infra.reportCatalogSync.mockRejectedValue(new Error('infra down'));
    await expect(
      tasks[0].fn(new AbortController().signal),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not report the infra catalog refresh to the infra backend: Error: infra down',
    );
  });
});
