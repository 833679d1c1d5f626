import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { accessRequestsApiRef } from './api/AccessRequestsApi';
import { AccessRequestsClient } from './api/AccessRequestsClient';
import { rootRouteRef } from './routes';

/** The Gantry access-requests frontend plugin. */
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
});

/** The access-requests items page. */
export const AccessRequestsPage = accessRequestsPlugin.provide(
  createRoutableExtension({
    name: 'AccessRequestsPage',
    component: () =>
      import('./components/ItemsPage').then(m => m.ItemsPage),
    mountPoint: rootRouteRef,
  }),
);
