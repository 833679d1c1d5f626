import { lazy, Suspense } from 'react';

type FiltersModule = typeof import('./GantryCatalogFilters');

let filtersChunk: Promise<FiltersModule> | undefined;
let filtersModule: FiltersModule | undefined;

/** Loads the filters' chunk once; later calls share the same promise. */
function loadGantryCatalogFilters() {
  filtersChunk ??= import('./GantryCatalogFilters').then(m => {
    filtersModule = m;
    return m;
  });
  return filtersChunk;
}

// Its own chunk: the pickers would otherwise join the initial bundle every page loads
// (~30 kB), where upstream's default filters live in the catalog page's lazy chunk.
const LazyGantryCatalogFilters = lazy(() =>
  loadGantryCatalogFilters().then(m => ({ default: m.GantryCatalogFilters })),
);

/**
 * The catalog index's filters (see GantryCatalogFilters), loaded with the catalog page. Once
 * their chunk is in (the preload below usually has it before the page's own chunk), they
 * render at once: suspending again after the page's own suspense would hold the whole page
 * back by React's 500 ms throttle on revealing content after a fallback.
 */
export function CatalogIndexFilters() {
  if (filtersModule) {
    return <filtersModule.GantryCatalogFilters />;
  }
  return (
    <Suspense fallback={null}>
      <LazyGantryCatalogFilters />
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
