import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rbacApiRef } from './api/RbacApi';
import { RbacClient } from './api/RbacClient';
import { rootRouteRef } from './routes';

/** Gantry roles: the access page for admins, and the roles a denial names. */
export const rbacPlugin = createPlugin({
  id: 'rbac',
  apis: [
    createApiFactory({
      api: rbacApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new RbacClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The access page: roles, user access, who can, the matrix and how to change roles. */
export const RbacPage = rbacPlugin.provide(
  createRoutableExtension({
    name: 'RbacPage',
    component: () => import('./components/RbacPage').then(m => m.RbacPage),
    mountPoint: rootRouteRef,
  }),
);
