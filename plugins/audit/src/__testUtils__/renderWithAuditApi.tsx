import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ReactElement } from 'react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { AuditApi, auditApiRef } from '../api/AuditApi';
import { rootRouteRef } from '../routes';

/** Renders `element` in a test app with `api` as the audit API and the page at /audit. */
export async function renderWithAuditApi(
  element: ReactElement,
  api: Partial<AuditApi>,
  options: { routeEntries?: string[] } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[auditApiRef, api]]}>{element}</TestApiProvider>,
    {
      // Timelines name users by their catalog entities, linked to their pages.
      mountedRoutes: {
        '/audit': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      ...options,
    },
  );
}
