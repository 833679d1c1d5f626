import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** What {@link changingCatalog} hands a test. */
export type ChangingCatalog = {
  /** The catalog; only `streamEntities` answers, which is all that reading the groups uses. */
  catalog: CatalogService;
  /** How many times the entities have been streamed. */
  reads(): number;
  /** Replaces the entities, as an ingestion would; a read already started keeps the old ones. */
  set(entities: Entity[]): void;
};

/** A catalog whose entities a test changes between reads, as while the catalog ingests. */
export function changingCatalog(entities: Entity[]): ChangingCatalog {
  let current = catalogServiceMock({ entities });
  let reads = 0;
  const catalog: Pick<CatalogService, 'streamEntities'> = {
    streamEntities(request, options) {
      reads += 1;
      return current.streamEntities(request, options);
    },
  };
  return {
    catalog: catalog as CatalogService,
    reads: () => reads,
    set(next) {
      current = catalogServiceMock({ entities: next });
    },
  };
}
