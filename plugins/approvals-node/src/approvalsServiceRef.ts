import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ApprovalsService } from './ApprovalsService';
import { DefaultApprovalsService } from './DefaultApprovalsService';

/** The approvals service; by default an HTTP client of the approvals backend. */
export const approvalsServiceRef = createServiceRef<ApprovalsService>({
  id: 'gantry.approvals',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: deps => new DefaultApprovalsService(deps),
    }),
});
