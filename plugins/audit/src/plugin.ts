import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { auditApiRef } from './api/AuditApi';
import { AuditClient } from './api/AuditClient';
import { rootRouteRef } from './routes';

/** Gantry audit trail: the admins' page to search, export and verify it. */
export const auditPlugin = createPlugin({
  id: 'audit',
  apis: [
    createApiFactory({
      api: auditApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AuditClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The audit page: filters, entries newest first, an entry's details, export and verify. */
export const AuditPage = auditPlugin.provide(
  createRoutableExtension({
    name: 'AuditPage',
    component: () => import('./components/AuditPage').then(m => m.AuditPage),
    mountPoint: rootRouteRef,
  }),
);

/** An entity's activity card: its audit entries, for its owners and admins. */
export const EntityAuditActivityCard = auditPlugin.provide(
  createComponentExtension({
    name: 'EntityAuditActivityCard',
    component: {
      lazy: () =>
        import('./components/EntityAuditActivityCard').then(
          m => m.EntityAuditActivityCard,
        ),
    },
  }),
);
