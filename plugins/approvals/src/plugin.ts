import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { approvalsApiRef } from './api/ApprovalsApi';
import { ApprovalsClient } from './api/ApprovalsClient';
import { rootRouteRef } from './routes';

/** Gantry approvals: the inbox, request pages and "my requests". */
export const approvalsPlugin = createPlugin({
  id: 'approvals',
  apis: [
    createApiFactory({
      api: approvalsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ApprovalsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The approvals pages: inbox at `/`, `/mine` and `/requests/:id`. */
export const ApprovalsPage = approvalsPlugin.provide(
  createRoutableExtension({
    name: 'ApprovalsPage',
    component: () =>
      import('./components/ApprovalsPage').then(m => m.ApprovalsPage),
    mountPoint: rootRouteRef,
  }),
);
