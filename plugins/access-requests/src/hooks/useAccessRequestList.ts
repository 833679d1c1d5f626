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
/** setTimeout fires at once past 2^31-1 ms; a grant of days is simply looked at hourly. */
const LONGEST_WAIT_MS = 3_600_000;

/**
 * The first `pages` pages of requests (`loadMore` asks for one more), with:
 * - `update(request)`: shows a request as the server answered an action on it (cancel,
 *   revoke) at once, without reading the list again. Those answers are final states, so a
 *   later read cannot be newer and they stay until the query changes;
 * - a read again shortly after the next active grant's expiry, so it shows expired without
 *   a page reload.
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
    const ends = (items ?? [])
      .filter(item => item.status === 'active' && item.expiresAt)
      .map(item => DateTime.fromISO(item.expiresAt!).toMillis());
    if (ends.length === 0) return undefined;
    const untilEnd = Math.min(...ends) - Date.now();
    const delay =
      untilEnd > 0 ? untilEnd + AFTER_EXPIRY_MS : STILL_ACTIVE_RETRY_MS;
    const timer = setTimeout(retry, Math.min(delay, LONGEST_WAIT_MS));
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
