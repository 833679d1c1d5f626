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
import { InfraCostEstimateField } from './components/InfraCostEstimateField';
import { TerraformHealthField } from './components/TerraformHealthBanner';
import { rootRouteRef } from './routes';

/** Gantry infrastructure self-service: my requests and resources, and request pages. */
export const infraPlugin = createPlugin({
  id: 'infra',
  apis: [
    createApiFactory({
      api: infraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The infra pages: "My infrastructure" at `/` and a request's page at `/requests/:id`. */
export const InfraPage = infraPlugin.provide(
  createRoutableExtension({
    name: 'InfraPage',
    component: () => import('./components/InfraPage').then(m => m.InfraPage),
    mountPoint: rootRouteRef,
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
