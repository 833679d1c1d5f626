import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { approvalsPermissions } from '@internal/plugin-approvals-common';
import {
  approvalRequestPermissionRules,
  approvalRequestResourceRef,
} from '@internal/plugin-approvals-node';
import { DatabaseApprovalsStore } from './database/DatabaseApprovalsStore';
import { ApprovalsNotifier } from './service/ApprovalsNotifier';
import { ApproverDirectory } from './service/ApproverDirectory';
import { createRouter } from './service/router';
import { scheduleExpirySweep } from './service/expirySweep';
import { auditStoreServiceRef } from '@internal/plugin-audit-node';

/** Gantry's approval engine: requests, votes, expiry, and the REST API under /api/approvals. */
export const approvalsPlugin = createBackendPlugin({
  pluginId: 'approvals',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        auditStore: auditStoreServiceRef,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const store = await DatabaseApprovalsStore.create({
          database: deps.database,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: approvalRequestResourceRef,
          permissions: approvalsPermissions,
          rules: Object.values(approvalRequestPermissionRules),
          getResources: ids => store.getMany(ids),
        });

        const notifier = new ApprovalsNotifier({
          notifications: deps.notifications,
          signals: deps.signals,
          events: deps.events,
          logger: deps.logger,
        });

        await scheduleExpirySweep({
          scheduler: deps.scheduler,
          config: deps.config,
          logger: deps.logger,
          auditor: deps.auditor,
          store,
          notifier,
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            directory: new ApproverDirectory(deps.catalog, deps.auth),
            notifier,
            auditStore: deps.auditStore,
            logger: deps.logger,
            transformConditions: createConditionTransformer(
              deps.permissionsRegistry.getPermissionRuleset(
                approvalRequestResourceRef,
              ),
            ),
          }),
        );
      },
    });
  },
});
