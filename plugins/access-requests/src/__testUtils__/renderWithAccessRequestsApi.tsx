import { ReactElement } from 'react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockEntityPresentationApi } from '@internal/plugin-api-react/testUtils';
import { SWRConfig } from 'swr';
import {
  AccessRequestsApi,
  accessRequestsApiRef,
} from '../api/AccessRequestsApi';
import { approvalsRouteRef, rootRouteRef } from '../routes';

/** Allows the permissions named in `allowed`, denies the rest. */
export const allowing =
  (...allowed: string[]) =>
  (request: EvaluatePermissionRequest) =>
    allowed.includes(request.permission.name)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;

/**
 * Renders `element` in a test app with `api` as the access-requests API, the page at
 * /access-requests, the approvals page at /approvals, and the sample org's names.
 */
export async function renderWithAccessRequestsApi(
  element: ReactElement,
  api: Partial<AccessRequestsApi>,
  options: {
    authorize?: (
      request: EvaluatePermissionRequest,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    routeEntries?: string[];
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [accessRequestsApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.authorize ?? AuthorizeResult.ALLOW,
          }),
        ],
        [entityPresentationApiRef, mockEntityPresentationApi()],
      ]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/access-requests': rootRouteRef,
        '/approvals': approvalsRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
}
