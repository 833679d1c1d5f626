import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { SearchQuery } from '@backstage/plugin-search-common';

/**
 * Upstream's in-memory Lunr engine (the embedded default's), except that a query for a
 * document type with no index yet answers no results. Lunr builds no index for a type whose
 * collator found no documents (no approval request yet, say), and the search backend then
 * answers the page's "Approval requests" filter with a 500 (`MissingIndexError`).
 */
export class LunrSearchEngineForEmptyTypes extends LunrSearchEngine {
  async query(query: SearchQuery) {
    try {
      return await super.query(query);
    } catch (error) {
      if ((error as Error)?.name === 'MissingIndexError') {
        return { results: [], numberOfResults: 0 };
      }
      throw error;
    }
  }
}
