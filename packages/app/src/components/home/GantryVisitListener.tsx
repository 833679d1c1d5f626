import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useApi } from '@backstage/core-plugin-api';
import { visitsApiRef } from '@backstage/plugin-home';
import { visitOf } from './visitOf';

/**
 * How long a page must stay on screen to count as visited. By then its title is the page's
 * own: a lazily loaded page sets it only once its code has arrived.
 */
const VISIT_SETTLE_MS = 1000;

/**
 * Records the pages a user visits for Home's "Recently visited" card (see visitOf).
 * Upstream's VisitListener names a page by the tab title one frame after the address
 * changes, which is often still the previous page's: right after sign-in, Home was recorded
 * as "Who are you today?", the sign-in page's title.
 */
export function GantryVisitListener() {
  const visitsApi = useApi(visitsApiRef);
  const { pathname } = useLocation();
  useEffect(() => {
    const timer = setTimeout(() => {
      const visit = visitOf(pathname, document.title);
      if (visit) {
        // A visit is a convenience: one that cannot be stored is not worth an error.
        visitsApi.save({ visit }).catch(() => undefined);
      }
    }, VISIT_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [visitsApi, pathname]);
  return null;
}
