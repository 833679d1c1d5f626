import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { InfraResource } from '@internal/plugin-infra-common';
import { InfraService } from '@internal/plugin-infra-node';
import { InfraEntityProvider } from './InfraEntityProvider';

function makeResource(overrides: Partial<InfraResource> = {}): InfraResource {
  return {
    id: 'res-1',
    kind: 's3-bucket',
    name: 'team-a-assets',
    environment: 'dev',
    ownerRef: 'group:default/team-a',
    status: 'active',
    outputs: {},
    lastRequestId: 'req-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function makeInfra(): jest.Mocked<InfraService> {
  return {
    submitRequest: jest.fn(),
    getRequest: jest.fn(),
    applyRequest: jest.fn(),
    listResources: jest.fn(),
    reportCatalogSync: jest.fn(),
  };
}

function makeConnection(): jest.Mocked<EntityProviderConnection> {
  return { applyMutation: jest.fn(), refresh: jest.fn() };
}

function fullMutationEntities(
  connection: jest.Mocked<EntityProviderConnection>,
) {
  expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  const mutation: EntityProviderMutation =
    connection.applyMutation.mock.calls[0][0];
  if (mutation.type !== 'full') {
    throw new Error(`expected a full mutation, got ${mutation.type}`);
  }
  return mutation.entities.map(deferred => deferred.entity);
}

describe('InfraEntityProvider', () => {
  const logger = mockServices.logger.mock();
  // A trailing slash, as some app-configs have it, must not double up in links.
  const appBaseUrl = 'https://gantry.example.com/';

  it('is named gantry-infra', () => {
    const provider = new InfraEntityProvider({
      infra: makeInfra(),
      logger,
      appBaseUrl,
    });
    expect(provider.getProviderName()).toBe('gantry-infra');
  });

  it('does nothing before the catalog connects', async () => {
    const infra = makeInfra();
    const quietLogger = mockServices.logger.mock();
    const provider = new InfraEntityProvider({
      infra,
      logger: quietLogger,
      appBaseUrl,
    });

    await expect(provider.refresh()).resolves.toBeUndefined();
    expect(infra.listResources).not.toHaveBeenCalled();
    expect(quietLogger.warn).not.toHaveBeenCalled();
    expect(quietLogger.error).not.toHaveBeenCalled();
  });

  it('follows every page and emits only active resources', async () => {
    const infra = makeInfra();
    infra.listResources
      .mockResolvedValueOnce({
        items: [
          makeResource({ id: 'a', name: 'bucket-a' }),
          makeResource({ id: 'b', name: 'bucket-b', status: 'pending' }),
        ],
        nextCursor: 'page-2',
      })
      .mockResolvedValueOnce({
        items: [
          makeResource({ id: 'c', name: 'bucket-c', status: 'destroyed' }),
          makeResource({ id: 'd', name: 'bucket-d' }),
        ],
        nextCursor: 'page-3',
      })
      .mockResolvedValueOnce({
        items: [makeResource({ id: 'e', name: 'vm-e' })],
      });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    expect(infra.listResources.mock.calls).toEqual([
      [{}],
      [{ cursor: 'page-2' }],
      [{ cursor: 'page-3' }],
    ]);
    const entities = fullMutationEntities(connection);
    expect(entities.map(e => e.metadata.name)).toEqual([
      'bucket-a',
      'bucket-d',
      'vm-e',
    ]);
    expect(connection.applyMutation.mock.calls[0][0]).toMatchObject({
      entities: [
        { locationKey: 'gantry-infra' },
        { locationKey: 'gantry-infra' },
        { locationKey: 'gantry-infra' },
      ],
    });
  });

  it('applies an empty full mutation when nothing is active, so destroyed resources disappear', async () => {
    const infra = makeInfra();
    infra.listResources.mockResolvedValue({
      items: [makeResource({ status: 'destroyed' })],
    });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('builds a Resource entity with the resource fields', async () => {
    const infra = makeInfra();
    infra.listResources.mockResolvedValue({
      items: [
        makeResource({
          id: 'res-42',
          kind: 'ec2-instance',
          name: 'build-runner',
          environment: 'prod',
          ownerRef: 'group:default/platform',
          systemRef: 'system:default/ci',
          lastRequestId: 'req-7',
          outputs: {
            instance_id: 'i-0abc',
            'Private IP': '10.0.1.5',
            port: 22,
            public: false,
            tags: { a: 'b' },
            list: ['x'],
            nothing: null,
          },
        }),
      ],
    });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    const [entity] = fullMutationEntities(connection);
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'build-runner',
        namespace: 'default',
        description: 'ec2-instance in prod, provisioned by Gantry',
        annotations: {
          'gantry.io/infra-resource-id': 'res-42',
          'gantry.io/infra-request-id': 'req-7',
          'gantry.io/environment': 'prod',
          'backstage.io/managed-by-location': 'gantry-infra:res-42',
          'backstage.io/managed-by-origin-location': 'gantry-infra:res-42',
          'gantry.io/output-instance-id': 'i-0abc',
          'gantry.io/output-private-ip': '10.0.1.5',
          'gantry.io/output-port': '22',
          'gantry.io/output-public': 'false',
        },
        links: [
          {
            url: 'https://gantry.example.com/infra/requests/req-7',
            title: 'Provisioning request',
          },
        ],
        tags: ['ec2-instance', 'prod'],
      },
      spec: {
        type: 'ec2-instance',
        owner: 'group:default/platform',
        system: 'system:default/ci',
      },
    });
  });

  it('builds entities the catalog accepts', async () => {
    const infra = makeInfra();
    infra.listResources.mockResolvedValue({
      items: [
        makeResource({
          systemRef: 'system:default/ci',
          outputs: { 'Bucket ARN!': 'arn:aws:s3:::x', ['-'.repeat(3)]: 'x' },
        }),
      ],
    });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    const [entity] = fullMutationEntities(connection);
    const policy = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
    ]);
    await expect(policy.enforce(entity)).resolves.toBe(entity);
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
    expect(entity.metadata.annotations).toMatchObject({
      'gantry.io/output-bucket-arn': 'arn:aws:s3:::x',
    });
  });

  it('leaves spec.system out when the resource has no system', async () => {
    const infra = makeInfra();
    infra.listResources.mockResolvedValue({ items: [makeResource()] });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    const [entity] = fullMutationEntities(connection);
    expect(entity.spec).toEqual({
      type: 's3-bucket',
      owner: 'group:default/team-a',
    });
  });

  it('leaves out outputs whose key looks secret', async () => {
    const infra = makeInfra();
    infra.listResources.mockResolvedValue({
      items: [
        makeResource({
          outputs: {
            bucket_arn: 'arn:aws:s3:::team-a-assets',
            db_password: 'hunter2',
            ClientSecretValue: 's3cr3t',
            session_token: 'tok',
            access_key: 'AKIA...',
            SSH_KEY: 'ssh-rsa ...',
            keyspace: 'kept',
          },
        }),
      ],
    });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    const [entity] = fullMutationEntities(connection);
    const outputKeys = Object.keys(entity.metadata.annotations ?? {}).filter(
      key => key.startsWith('gantry.io/output-'),
    );
    expect(outputKeys).toEqual([
      'gantry.io/output-bucket-arn',
      'gantry.io/output-keyspace',
    ]);
    expect(JSON.stringify(entity)).not.toMatch(/hunter2|s3cr3t|AKIA|ssh-rsa/);
  });

  it('keeps only the first of two active resources with the same name', async () => {
    const infra = makeInfra();
    infra.listResources.mockResolvedValue({
      items: [
        makeResource({ id: 'dev-1', name: 'shared', environment: 'dev' }),
        makeResource({ id: 'prod-1', name: 'shared', environment: 'prod' }),
      ],
    });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await provider.refresh();

    const entities = fullMutationEntities(connection);
    expect(
      entities.map(
        e => e.metadata.annotations?.['gantry.io/infra-resource-id'],
      ),
    ).toEqual(['dev-1']);
  });

  it('rejects the refresh and applies nothing when listing fails', async () => {
    const infra = makeInfra();
    infra.listResources
      .mockResolvedValueOnce({ items: [makeResource()], nextCursor: 'next' })
      .mockRejectedValueOnce(new Error('infra backend unavailable'));
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await expect(provider.refresh()).rejects.toThrow(
      'infra backend unavailable',
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('recovers on the next refresh after a failure', async () => {
    const infra = makeInfra();
    infra.listResources
      .mockRejectedValueOnce(new Error('infra backend unavailable'))
      .mockResolvedValueOnce({ items: [makeResource()] });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    await expect(provider.refresh()).rejects.toThrow();
    await provider.refresh();

    expect(fullMutationEntities(connection)).toHaveLength(1);
  });

  it('runs refreshes one at a time, sharing one queued run between callers', async () => {
    const infra = makeInfra();
    let releaseFirst: () => void = () => {};
    infra.listResources
      .mockImplementationOnce(
        () =>
          new Promise(resolve => {
            releaseFirst = () =>
              resolve({ items: [makeResource({ name: 'stale-one' })] });
          }),
      )
      .mockResolvedValueOnce({ items: [makeResource({ name: 'fresh-one' })] });
    const connection = makeConnection();
    const provider = new InfraEntityProvider({ infra, logger, appBaseUrl });
    await provider.connect(connection);

    const first = provider.refresh();
    // Let the first run start reading before more refreshes arrive.
    await new Promise(resolve => setImmediate(resolve));
    const second = provider.refresh();
    const third = provider.refresh();
    expect(third).toBe(second);
    expect(infra.listResources).toHaveBeenCalledTimes(1);

    releaseFirst();
    await Promise.all([first, second]);

    expect(infra.listResources).toHaveBeenCalledTimes(2);
    const names = connection.applyMutation.mock.calls.map(([mutation]) =>
      mutation.type === 'full' ? mutation.entities[0].entity.metadata.name : '',
    );
    expect(names).toEqual(['stale-one', 'fresh-one']);
  });
});
