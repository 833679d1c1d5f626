import { mockServices } from '@backstage/backend-test-utils';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { LunrSearchEngineForEmptyTypes } from './LunrSearchEngineForEmptyTypes';

async function withCatalogIndexed(engine: LunrSearchEngine) {
  const indexer = await engine.getIndexer('software-catalog');
  await new Promise<void>((resolve, reject) => {
    indexer.on('finish', resolve);
    indexer.on('error', reject);
    indexer.end({
      title: 'payments-api',
      text: 'The payments API',
      location: '/catalog/default/component/payments-api',
    });
  });
  return engine;
}

describe('LunrSearchEngineForEmptyTypes', () => {
  const logger = mockServices.logger.mock();

  it('answers a type without an index with no results', async () => {
    const engine = await withCatalogIndexed(
      new LunrSearchEngineForEmptyTypes({ logger }),
    );
    await expect(
      engine.query({ term: 'payments', types: ['approval-request'] }),
    ).resolves.toEqual({ results: [], numberOfResults: 0 });
    const all = await engine.query({ term: 'payments' });
    expect(all.results.map(r => r.document.title)).toEqual(['payments-api']);
  });

  it("is what upstream's engine answers with an error", async () => {
    const engine = await withCatalogIndexed(new LunrSearchEngine({ logger }));
    await expect(
      engine.query({ term: 'payments', types: ['approval-request'] }),
    ).rejects.toMatchObject({ name: 'MissingIndexError' });
  });
});
