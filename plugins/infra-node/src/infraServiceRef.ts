import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultInfraService } from './DefaultInfraService';
import { InfraService } from './InfraService';

/** The infra service; by default an HTTP client of the infra backend. */
export const infraServiceRef = createServiceRef<InfraService>({
  id: 'gantry.infra',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: deps => new DefaultInfraService(deps),
    }),
});
