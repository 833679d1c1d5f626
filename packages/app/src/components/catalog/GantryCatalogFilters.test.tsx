import { screen, waitFor } from '@testing-library/react';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityListProvider,
  MockStarredEntitiesApi,
  catalogApiRef,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { GantryCatalogFilters } from './GantryCatalogFilters';

const facetValues: Record<string, string[]> = {
  kind: ['Component', 'Template'],
  'spec.type': ['service'],
  'spec.lifecycle': ['production'],
  'metadata.tags': ['payments'],
  'relations.ownedBy': ['group:default/team-payments'],
};

/** Renders the filters in a real EntityListProvider whose list query ends when `listDone` does. */
function renderFilters(options: { listDone: Promise<void>; search?: string }) {
  const catalogApi = {
    getEntityFacets: jest.fn(async ({ facets }: { facets: string[] }) => ({
      facets: Object.fromEntries(
        facets.map(f => [
          f,
          (facetValues[f] ?? []).map(value => ({ value, count: 1 })),
        ]),
      ),
    })),
    queryEntities: jest.fn(async () => ({
      items: [],
      totalItems: 1,
      pageInfo: {},
    })),
    getEntitiesByRefs: jest.fn(async () => ({ items: [] })),
    // EntityListProvider's list query, when not paginating.
    streamEntities: jest.fn(async function* streamEntities(_request: unknown) {
      await options.listDone;
      yield [];
    }),
  };
  const identityApi = {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/ada',
      ownershipEntityRefs: ['user:default/ada'],
    }),
  };
  renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [identityApiRef, identityApi],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      ]}
    >
      <EntityListProvider>
        <GantryCatalogFilters />
      </EntityListProvider>
    </TestApiProvider>,
    { routeEntries: [`/catalog${options.search ?? ''}`] },
  );
  const askedFacets = () =>
    catalogApi.getEntityFacets.mock.calls.flatMap(([req]) => req.facets);
  const listRequests = () =>
    catalogApi.streamEntities.mock.calls.map(([req]) => JSON.stringify(req));
  return { askedFacets, listRequests };
}

describe('GantryCatalogFilters', () => {
  it('shows the kind and user pickers at once and the facet pickers once the list is there', async () => {
    const { askedFacets } = renderFilters({ listDone: Promise.resolve() });

    expect(await screen.findByText('Personal')).toBeInTheDocument();
    expect(await screen.findByText('Lifecycle')).toBeInTheDocument();
    expect(screen.getByText('Tags')).toBeInTheDocument();
    await waitFor(() =>
      expect(askedFacets()).toEqual(
        expect.arrayContaining([
          'kind',
          'spec.type',
          'relations.ownedBy',
          'spec.lifecycle',
          'metadata.tags',
        ]),
      ),
    );
    // A single namespace: no namespace picker, and no call for its facet.
    expect(askedFacets()).not.toContain('metadata.namespace');
  });

  it('asks for no secondary facet while the list is still loading', async () => {
    const { askedFacets } = renderFilters({ listDone: new Promise(() => {}) });

    expect(await screen.findByText('Personal')).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(askedFacets()).toEqual(['kind']);
    expect(screen.queryByText('Lifecycle')).not.toBeInTheDocument();
  });

  it('fetches the list once on first load, whatever the user filter settles on', async () => {
    const { listRequests } = renderFilters({ listDone: Promise.resolve() });

    expect(await screen.findByText('Lifecycle')).toBeInTheDocument();
    // The "owned / starred / all" choice filters in the browser (upstream's non-paginated
    // list), so the counts' arrival must not start a second fetch.
    expect(listRequests()).toEqual([
      expect.stringContaining('"kind":"component"'),
    ]);
  });

  it('mounts a picker at once when the address already filters on it', async () => {
    const { askedFacets } = renderFilters({
      listDone: new Promise(() => {}),
      search: '?filters[tags]=payments',
    });

    expect(await screen.findByText('Tags')).toBeInTheDocument();
    expect(askedFacets()).toContain('metadata.tags');
    expect(askedFacets()).not.toContain('spec.lifecycle');
  });
});
