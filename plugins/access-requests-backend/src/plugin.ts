import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  APPROVALS_EVENTS_TOPIC,
  ApprovalStatusChangedEvent,
  approvalsServiceRef,
} from '@internal/plugin-approvals-node';
import {
  accessRequestsItemApprovalKind,
  accessRequestsPermissions,
} from '@internal/plugin-access-requests-common';
import { DatabaseItemsStore } from './database/DatabaseItemsStore';
import { ItemPublisher } from './service/ItemPublisher';
import { createRouter } from './service/router';

/** The access-requests plugin: its items and the REST API under /api/access-requests. */
export const accessRequestsPlugin = createBackendPlugin({
  pluginId: 'access-requests',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        database: coreServices.database,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        approvals: approvalsServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(accessRequestsPermissions);

        const store = await DatabaseItemsStore.create({
          database: deps.database,
        });
        const publisher = new ItemPublisher({
          store,
          approvals: deps.approvals,
          auditor: deps.auditor,
          logger: deps.logger,
          approverGroups: deps.config.getOptionalStringArray(
            'access-requests.approverGroups',
          ) ?? ['group:default/approvers'],
        });

        // Decisions reach every replica as events; the store's compare-and-set acts once.
        await deps.events.subscribe({
          id: 'access-requests-approvals',
          topics: [APPROVALS_EVENTS_TOPIC],
          async onEvent({ eventPayload }) {
            const event = eventPayload as ApprovalStatusChangedEvent;
            if (event?.kind !== accessRequestsItemApprovalKind) return;
            try {
              await publisher.follow(event.requestId);
            } catch (error) {
              deps.logger.warn(
                `Could not follow approval ${event.requestId}: ${error}`,
              );
            }
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            publisher,
          }),
        );
      },
    });
  },
});
