import { useState } from 'react';
import { InfraPage } from '@internal/plugin-infra-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

const PAGE_SIZE = 50;

/**
 * Loads the first `pages` pages of a cursor-paged list; `loadMore` asks for one more page.
 * `deps` are what `fetchPage` depends on.
 */
export function usePagedList<T>(
  fetchPage: (page: {
    limit: number;
    cursor?: string;
  }) => Promise<InfraPage<T>>,
  deps: unknown[],
) {
  const [pages, setPages] = useState(1);
  const state = useAsyncRetry(async () => {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < pages; page++) {
      const result = await fetchPage({ limit: PAGE_SIZE, cursor });
      items.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return { items, more: Boolean(cursor) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pages, ...deps]);
  return { ...state, loadMore: () => setPages(p => p + 1) };
}
