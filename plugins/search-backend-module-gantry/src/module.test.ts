import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  searchEngineRegistryExtensionPoint,
  searchIndexRegistryExtensionPoint,
} from '@backstage/plugin-search-backend-node/alpha';
import { approvalsRequestReadPermission } from '@internal/plugin-approvals-common';
import { infraRequestReadPermission } from '@internal/plugin-infra-common';
import { LunrSearchEngineForEmptyTypes } from './engine/LunrSearchEngineForEmptyTypes';
import { searchModuleGantryCollators } from './module';

const setSearchEngine = jest.fn();

type Call = { subject: string; limit: string; cursor?: string };

/** A stand-in for a Gantry plugin: one cursor-paged list that only plugins may read. */
function pagedListPlugin(
  pluginId: string,
  path: string,
  items: object[],
  calls: Call[],
) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(async (req, res, next) => {
            if (req.path !== path) {
              next();
              return;
            }
            try {
              const credentials = await httpAuth.credentials(req, {
                allow: ['service'],
              });
              const limit = String(req.query.limit);
              const cursor = req.query.cursor as string | undefined;
              calls.push({
                subject: credentials.principal.subject,
                limit,
                cursor,
              });
              const start = Number(cursor ?? 0);
              const end = start + 2;
              res.json({
                items: items.slice(start, end),
                nextCursor: end < items.length ? String(end) : undefined,
              });
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
}

const infraRequests = [1, 2, 3].map(n => ({
  id: `infra-${n}`,
  operation: n === 3 ? 'destroy' : 'create',
  kind: 's3-bucket',
  resourceName: `receipts-${n}`,
  environment: 'sandbox',
  requesterRef: 'user:default/dev',
  ownerRef: 'group:default/team-payments',
  justification: `Receipts archive ${n}`,
  status: 'planned',
  createdAt: '2026-01-01T00:00:00.000Z',
}));

const approvalRequests = [
  {
    id: 'approval-1',
    kind: 'infrastructure',
    title: 'Create s3-bucket receipts-1',
    summary: 'A bucket for receipts',
    status: 'pending',
    requesterRef: 'user:default/dev',
    onBehalfOfRef: 'group:default/team-payments',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];

async function collate(factory: DocumentCollatorFactory) {
  const documents: unknown[] = [];
  for await (const document of await factory.getCollator()) {
    documents.push(document);
  }
  return documents;
}

/** Starts the module beside `plugins`; returns the search index registry's addCollator mock. */
async function startModule(...plugins: BackendFeature[]) {
  const addCollator = jest.fn();
  await startTestBackend({
    extensionPoints: [
      [searchIndexRegistryExtensionPoint, { addCollator, addDecorator() {} }],
      [searchEngineRegistryExtensionPoint, { setSearchEngine }],
    ],
    features: [
      searchModuleGantryCollators,
      ...plugins,
      mockServices.rootConfig.factory({
        data: { search: { catalogWarmup: { enabled: false } } },
      }),
    ],
  });
  return addCollator;
}

describe('searchModuleGantryCollators', () => {
  it('indexes every request of both plugins, page by page, each gated by its read permission', async () => {
    const infraCalls: Call[] = [];
    const approvalsCalls: Call[] = [];
    const addCollator = await startModule(
      pagedListPlugin('infra', '/requests', infraRequests, infraCalls),
      pagedListPlugin(
        'approvals',
        '/search/requests',
        approvalRequests,
        approvalsCalls,
      ),
    );

    // The test backend's database is SQLite: the Lunr engine that answers empty types.
    expect(setSearchEngine).toHaveBeenCalledWith(
      expect.any(LunrSearchEngineForEmptyTypes),
    );

    const factories: DocumentCollatorFactory[] = addCollator.mock.calls.map(
      ([{ factory }]) => factory,
    );
    expect(factories.map(f => f.type)).toEqual([
      'infra-request',
      'approval-request',
    ]);
    const [infra, approvals] = factories;
    expect(infra.visibilityPermission).toEqual(infraRequestReadPermission);
    expect(approvals.visibilityPermission).toEqual(
      approvalsRequestReadPermission,
    );

    const infraDocuments = await collate(infra);
    expect(infraDocuments).toHaveLength(3);
    expect(infraDocuments[0]).toMatchObject({
      title: 'receipts-1',
      location: '/infra/requests/infra-1',
      authorization: { resourceRef: 'infra-1' },
      kind: 's3-bucket',
      status: 'planned',
      statusLabel: 'Planned',
    });
    expect((infraDocuments[0] as { text: string }).text).toContain(
      'Receipts archive 1',
    );
    expect((infraDocuments[2] as { text: string }).text).toMatch(
      /^Request to destroy the s3-bucket receipts-3/,
    );
    expect(infraCalls).toEqual([
      { subject: 'plugin:search', limit: '100', cursor: undefined },
      { subject: 'plugin:search', limit: '100', cursor: '2' },
    ]);

    expect(await collate(approvals)).toEqual([
      expect.objectContaining({
        title: 'Create s3-bucket receipts-1',
        location: '/approvals/requests/approval-1',
        authorization: { resourceRef: 'approval-1' },
        statusLabel: 'Awaiting approval',
        text: 'A bucket for receipts Requested by user:default/dev for group:default/team-payments.',
      }),
    ]);
    expect(approvalsCalls).toHaveLength(1);
  });

  it('fails the collation when a plugin refuses the list, rather than emptying the index', async () => {
    const addCollator = await startModule();
    const [{ factory }] = addCollator.mock.calls[0];
    await expect(collate(factory)).rejects.toThrow(/404/);
  });
});
