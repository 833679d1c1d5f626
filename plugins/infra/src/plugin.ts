import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { infraApiRef } from './api/InfraApi';
import { InfraClient } from './api/InfraClient';
import { infraOpsApiRef } from './api/InfraOpsApi';
import { InfraOpsClient } from './api/InfraOpsClient';
import { InfraCostEstimateField } from './components/InfraCostEstimateField';
import { TerraformHealthField } from './components/TerraformHealthBanner';
import { opsRouteRef, rootRouteRef } from './routes';

/** Gantry infrastructure self-service: my requests and resources, and request pages. */
export const infraPlugin = createPlugin({
  id: 'infra',
  apis: [
    createApiFactory({
      api: infraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraClient(deps),
    }),
    createApiFactory({
      api: infraOpsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraOpsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, ops: opsRouteRef },
});

/** The infra pages: "My infrastructure" at `/` and a request's page at `/requests/:id`. */
export const InfraPage = infraPlugin.provide(
  createRoutableExtension({
    name: 'InfraPage',
    component: () => import('./components/InfraPage').then(m => m.InfraPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The operations dashboard for admins: requests per day, time to approval and to applied,
 * failures, the approval backlog and the infra backend's health. Guard it with
 * `infraOpsReadPermission`; the backend checks it too.
 */
export const OpsDashboardPage = infraPlugin.provide(
  createRoutableExtension({
    name: 'OpsDashboardPage',
    component: () =>
      import('./components/OpsDashboard').then(m => m.OpsDashboardPage),
    mountPoint: opsRouteRef,
  }),
);

/** The catalog card of a provisioned `Resource`: its outputs and a "Request destroy" action. */
export const EntityInfraResourceCard = infraPlugin.provide(
  createComponentExtension({
    name: 'EntityInfraResourceCard',
    component: {
      lazy: () =>
        import('./components/EntityInfraResourceCard').then(
          m => m.EntityInfraResourceCard,
        ),
    },
  }),
);

/**
 * The request templates' `ui:field: InfraCostEstimate`: the estimated monthly cost of what
 * the form holds, shown before the developer submits.
 */
export const InfraCostEstimateFieldExtension = infraPlugin.provide(
  createScaffolderFieldExtension({
    name: 'InfraCostEstimate',
    component: InfraCostEstimateField,
  }),
);

/**
 * The request templates' `ui:field: InfraTerraformCheck`: says on the form's first step when
 * the backend cannot run Terraform, before anyone fills the form in.
 */
export const InfraTerraformCheckFieldExtension = infraPlugin.provide(
  createScaffolderFieldExtension({
    name: 'InfraTerraformCheck',
    component: TerraformHealthField,
  }),
);
