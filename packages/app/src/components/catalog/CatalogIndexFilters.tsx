import { lazy, Suspense } from 'react';

let filtersChunk: Promise<typeof import('./GantryCatalogFilters')> | undefined;

/** Loads the filters' chunk once; later calls share the same promise. */
function loadGantryCatalogFilters() {
  filtersChunk ??= import('./GantryCatalogFilters');
  return filtersChunk;
}

// Its own chunk: the pickers would otherwise join the initial bundle every page loads
// (~30 kB), where upstream's default filters live in the catalog page's lazy chunk.
const GantryCatalogFilters = lazy(() =>
  loadGantryCatalogFilters().then(m => ({ default: m.GantryCatalogFilters })),
);

/** The catalog index's filters (see GantryCatalogFilters), loaded with the catalog page. */
export function CatalogIndexFilters() {
  return (
    <Suspense fallback={null}>
      <GantryCatalogFilters />
    </Suspense>
  );
}

/**
 * Starts loading the filters' chunk when the catalog route mounts, beside the catalog page's
 * own chunk. Without it the filters' chunk is only asked for once the page's chunk has loaded
 * and rendered, and the list's first query waits for both, one after the other.
 */
export function CatalogIndexFiltersPreload() {
  loadGantryCatalogFilters();
  return null;
}
