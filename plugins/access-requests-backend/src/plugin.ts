import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  accessRequestApprovalKind,
  accessRequestsPermissions,
} from '@internal/plugin-access-requests-common';
import {
  APPROVALS_EVENTS_TOPIC,
  ApprovalStatusChangedEvent,
  approvalsServiceRef,
} from '@internal/plugin-approvals-node';
import { readAccessRequestsConfig } from './config/accessRequestsConfig';
import { DatabaseAccessRequestsStore } from './database/DatabaseAccessRequestsStore';
import {
  accessRequestPermissionRules,
  accessRequestResourceRef,
} from './permissions/permissionRules';
import { AccessRequestOpener } from './service/AccessRequestOpener';
import { scheduleApprovalSweep } from './service/approvalSweep';
import { DecisionFollower } from './service/DecisionFollower';
import { GrantAnnouncer } from './service/GrantAnnouncer';
import { scheduleGrantExpiry } from './service/grantExpiry';
import { createRouter } from './service/router';

/**
 * Access requests: temporary membership of a role or group, granted through an approval
 * for a chosen duration, ended by the expiry task or an admin. The REST API is under
 * /api/access-requests; the permission policy reads the active grants from it.
 */
export const accessRequestsPlugin = createBackendPlugin({
  pluginId: 'access-requests',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        approvals: approvalsServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const config = readAccessRequestsConfig(deps.config);
        // Roles are reloaded live, so a role missing now is worth a warning, not a refusal.
        const roles = new Set(
          (deps.config.getOptionalConfigArray('gantry.rbac.roles') ?? []).map(
            role => role.getOptionalString('name'),
          ),
        );
        for (const { target } of config.targets) {
          if (target.kind === 'role' && !roles.has(target.role)) {
            deps.logger.warn(
              `accessRequests.targets names role ${target.role}, which gantry.rbac.roles does not define: a grant of it gives nothing`,
            );
          }
        }
        const now = () => new Date();

        const store = await DatabaseAccessRequestsStore.create({
          database: deps.database,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: accessRequestResourceRef,
          permissions: accessRequestsPermissions,
          rules: Object.values(accessRequestPermissionRules),
          getResources: ids => store.getMany(ids),
        });

        const announcer = new GrantAnnouncer({
          events: deps.events,
          logger: deps.logger,
        });
        const follower = new DecisionFollower({
          store,
          approvals: deps.approvals,
          auditor: deps.auditor,
          announcer,
          logger: deps.logger,
          now,
        });

        // Decisions reach every replica as events; the store's compare-and-set acts once.
        await deps.events.subscribe({
          id: 'access-requests-approvals',
          topics: [APPROVALS_EVENTS_TOPIC],
          async onEvent({ eventPayload }) {
            const event = eventPayload as ApprovalStatusChangedEvent;
            if (event?.kind !== accessRequestApprovalKind) return;
            try {
              await follower.follow(event.requestId);
            } catch (error) {
              deps.logger.warn(
                `Could not follow approval ${event.requestId}: ${error}`,
              );
            }
          },
        });
        await scheduleApprovalSweep({
          scheduler: deps.scheduler,
          follower,
          frequencySeconds: config.approvalSweepSeconds,
        });
        await scheduleGrantExpiry({
          scheduler: deps.scheduler,
          frequencySeconds: config.expirySweepSeconds,
          store,
          auditor: deps.auditor,
          announcer,
          logger: deps.logger,
          now,
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger: deps.logger,
            store,
            opener: new AccessRequestOpener({
              store,
              approvals: deps.approvals,
              catalog: deps.catalog,
              auth: deps.auth,
              logger: deps.logger,
              targets: config.targets,
              approvalExpirySeconds: config.approvalExpirySeconds,
              now,
            }),
            announcer,
            targets: config.targets,
            transformConditions: createConditionTransformer(
              deps.permissionsRegistry.getPermissionRuleset(
                accessRequestResourceRef,
              ),
            ),
            now,
          }),
        );
      },
    });
  },
});
