import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccessRequest,
  AccessRequestStatus,
} from '@internal/plugin-access-requests-common';
import { DateTime } from 'luxon';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { accessRequestsApiRef } from '../api/AccessRequestsApi';

const PAGE_SIZE = 50;

/** How long after a grant's expiry to read again, and again while it still shows active. */
const AFTER_EXPIRY_MS = 2_000;
const STILL_ACTIVE_RETRY_MS = 10_000;
/**
 * How often to read again while a request waits for its decision. The backend sends no
 * signal when a request changes, so this is how a waiting request turns active on screen.
 */
const PENDING_RETRY_MS = 15_000;
/** setTimeout fires at once past 2^31-1 ms; a grant of days is simply looked at hourly. */
const LONGEST_WAIT_MS = 3_600_000;

/**
 * When to read the list again, in ms from `now`: shortly after the next active grant ends,
 * every few seconds while one is waiting for a decision; undefined when nothing will change
 * on its own.
 */
export function nextReadDelay(
  items: AccessRequest[],
  now: number,
): number | undefined {
  const delays: number[] = [];
  for (const item of items) {
    if (item.status === 'pending') delays.push(PENDING_RETRY_MS);
    if (item.status === 'active' && item.expiresAt) {
      const untilEnd = DateTime.fromISO(item.expiresAt).toMillis() - now;
      delays.push(
        untilEnd > 0 ? untilEnd + AFTER_EXPIRY_MS : STILL_ACTIVE_RETRY_MS,
      );
    }
  }
  if (delays.length === 0) return undefined;
  return Math.min(...delays, LONGEST_WAIT_MS);
}

/**
 * The first `pages` pages of requests (`loadMore` asks for one more), with:
 * - `update(request)`: shows a request as the server answered an action on it (cancel,
 *   revoke) at once, without reading the list again. Those answers are final states, so a
 *   later read cannot be newer and they stay until the query changes;
 * - reads again on their own when something is due to change (see {@link nextReadDelay}),
 *   so a grant shows active once approved and expired once ended, without a page reload.
 */
export function useAccessRequestList(query: {
  scope: 'mine' | 'all';
  status?: AccessRequestStatus;
}) {
  const api = useApi(accessRequestsApiRef);
  const { scope, status } = query;
  const [pages, setPages] = useState(1);
  const [updates, setUpdates] = useState<Record<string, AccessRequest>>({});
  useEffect(() => {
    setPages(1);
    setUpdates({});
  }, [scope, status]);

  const state = useAsyncRetry(async () => {
    const items: AccessRequest[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < pages; page++) {
      const result = await api.listRequests({
        scope,
        status,
        limit: PAGE_SIZE,
        cursor,
      });
      items.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return { items, more: Boolean(cursor) };
  }, [api, scope, status, pages]);

  const items = useMemo(
    () => state.value?.items.map(item => updates[item.id] ?? item),
    [state.value, updates],
  );

  const { retry } = state;
  useEffect(() => {
    const delay = nextReadDelay(items ?? [], Date.now());
    if (delay === undefined) return undefined;
    const timer = setTimeout(retry, delay);
    return () => clearTimeout(timer);
  }, [items, retry]);

  return {
    loading: state.loading,
    error: state.error,
    items,
    more: state.value?.more ?? false,
    loadMore: () => setPages(p => p + 1),
    retry,
    update: (request: AccessRequest) =>
      setUpdates(known => ({ ...known, [request.id]: request })),
  };
}
