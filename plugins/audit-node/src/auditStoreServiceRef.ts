import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AuditStore } from './AuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { openAuditDatabase } from './openAuditDatabase';

/**
 * The one audit store of the backend. Root-scoped, so that every plugin's auditor writes to
 * one chain in the `audit` plugin's database rather than a table in each plugin's own.
 */
export const auditStoreServiceRef = createServiceRef<AuditStore>({
  id: 'gantry.audit.store',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        rootConfig: coreServices.rootConfig,
        rootLogger: coreServices.rootLogger,
        rootLifecycle: coreServices.rootLifecycle,
      },
      async factory({ rootConfig, rootLogger, rootLifecycle }) {
        // A root service has no plugin-scoped `database`, so it opens the audit plugin's
        // database the way the core database service does.
        const knex = await openAuditDatabase({
          config: rootConfig,
          logger: rootLogger,
          lifecycle: rootLifecycle,
        });
        rootLifecycle.addShutdownHook(() => knex.destroy());
        return DatabaseAuditStore.create({ knex });
      },
    }),
});
