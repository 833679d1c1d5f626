import { ReactElement } from 'react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockEntityPresentationApi } from '@internal/plugin-api-react/testUtils';
import { RbacApi, rbacApiRef } from '../api/RbacApi';
import { rootRouteRef } from '../routes';
import { orgEntities } from './orgEntities';

/**
 * Renders `element` in a test app with `api` as the rbac API, the page at /rbac, and the
 * names of the fixtures' people and groups.
 */
export async function renderWithRbacApi(
  element: ReactElement,
  api: Partial<RbacApi>,
  options: { routeEntries?: string[] } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [rbacApiRef, api],
        [entityPresentationApiRef, mockEntityPresentationApi(orgEntities)],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/rbac': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      ...options,
    },
  );
}
