import { ReactElement } from 'react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { RbacApi, rbacApiRef } from '../api/RbacApi';
import { rootRouteRef } from '../routes';

/** Renders `element` in a test app with `api` as the rbac API and the page at /rbac. */
export async function renderWithRbacApi(
  element: ReactElement,
  api: Partial<RbacApi>,
  options: { routeEntries?: string[] } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[rbacApiRef, api]]}>{element}</TestApiProvider>,
    { mountedRoutes: { '/rbac': rootRouteRef }, ...options },
  );
}
