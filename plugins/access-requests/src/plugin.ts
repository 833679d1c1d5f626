import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { accessRequestsApiRef } from './api/AccessRequestsApi';
import { AccessRequestsClient } from './api/AccessRequestsClient';
import { approvalsRouteRef, rootRouteRef } from './routes';

/** Gantry access requests: ask for temporary access, see and revoke grants. */
export const accessRequestsPlugin = createPlugin({
  id: 'access-requests',
  apis: [
    createApiFactory({
      api: accessRequestsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AccessRequestsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
  externalRoutes: { approvals: approvalsRouteRef },
});

/** The access-requests pages: my access and the form at `/`, everyone's grants at `/all`. */
export const AccessRequestsPage = accessRequestsPlugin.provide(
  createRoutableExtension({
    name: 'AccessRequestsPage',
    component: () =>
      import('./components/AccessRequestsPage').then(m => m.AccessRequestsPage),
    mountPoint: rootRouteRef,
  }),
);
