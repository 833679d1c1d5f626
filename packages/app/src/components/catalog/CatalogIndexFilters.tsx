import { lazy, Suspense } from 'react';

// Its own chunk: the pickers would otherwise join the initial bundle every page loads
// (~30 kB), where upstream's default filters live in the catalog page's lazy chunk.
const GantryCatalogFilters = lazy(() =>
  import(/* webpackPrefetch: true */ './GantryCatalogFilters').then(m => ({
    default: m.GantryCatalogFilters,
  })),
);

/** The catalog index's filters (see GantryCatalogFilters), loaded with the catalog page. */
export function CatalogIndexFilters() {
  return (
    <Suspense fallback={null}>
      <GantryCatalogFilters />
    </Suspense>
  );
}
