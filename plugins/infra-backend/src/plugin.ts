import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  APPROVALS_EVENTS_TOPIC,
  ApprovalStatusChangedEvent,
  approvalsServiceRef,
} from '@internal/plugin-approvals-node';
import {
  INFRA_APPROVAL_KIND,
  infraPermissions,
} from '@internal/plugin-infra-common';
import { TerraformRunner } from '@internal/plugin-terraform-node';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { DatabaseInfraStore } from './database/DatabaseInfraStore';
import { scheduleDispatcher } from './service/dispatcher';
import { Provisioner } from './service/Provisioner';
import { createRouter } from './service/router';
import { Workspaces } from './service/Workspaces';

// A bare name is looked up on PATH; a path is taken from the backend's working directory,
// since the CLI itself runs in each request's workspace.
function resolveBinary(binary: string) {
  return binary.includes('/') ? resolve(binary) : binary;
}

/**
 * Gantry's infrastructure self-service: plans requests with Terraform, waits for their
 * approval without holding a scaffolder worker, applies exactly the approved plan, and
 * keeps the resources for the catalog.
 */
export const infraPlugin = createBackendPlugin({
  pluginId: 'infra',
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
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        approvals: approvalsServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        const store = await DatabaseInfraStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(infraPermissions);

        const region = (environment: string) =>
          config.getOptionalString(
            `infra.environments.${environment}.region`,
          ) ?? 'eu-west-1';
        const provisioner = new Provisioner({
          store,
          runner: new TerraformRunner({
            binary: resolveBinary(
              config.getOptionalString('infra.terraform.binary') ?? 'terraform',
            ),
            timeoutMs:
              (config.getOptionalNumber('infra.terraform.timeoutSeconds') ??
                1800) * 1000,
            logger,
          }),
          workspaces: new Workspaces(
            config.getOptionalString('infra.workDir') ?? '.data/terraform',
          ),
          settings: {
            modulesDir: resolve(
              config.getOptionalString('infra.modulesDir') ??
                'terraform/modules',
            ),
            regionOf: region,
            stateBackend:
              config.getOptionalString('infra.terraform.stateBackend') === 'pg'
                ? 'pg'
                : 'local',
            approverGroups: config.getOptionalStringArray(
              'infra.approverGroups',
            ) ?? ['group:default/approvers'],
          },
          approvals: deps.approvals,
          catalog: deps.catalog,
          auth: deps.auth,
          auditor: deps.auditor,
          signals: deps.signals,
          events: deps.events,
          logger,
          instanceId: randomUUID(),
        });

        // Decisions reach every replica as events; the apply claim keeps it exactly once.
        await deps.events.subscribe({
          id: 'infra-approvals',
          topics: [APPROVALS_EVENTS_TOPIC],
          async onEvent({ eventPayload }) {
            const event = eventPayload as ApprovalStatusChangedEvent;
            if (event?.kind !== INFRA_APPROVAL_KIND) return;
            try {
              await provisioner.onApprovalStatus(event.requestId);
              if (event.status === 'approved') {
                const request = await store.getRequestByApprovalId(
                  event.requestId,
                );
                if (request?.status === 'approved') {
                  // In the background: the event bus must not wait for terraform.
                  provisioner
                    .dispatch(request.id)
                    .catch(e => logger.error(`Apply of ${request.id}: ${e}`));
                }
              }
            } catch (error) {
              logger.warn(
                `Could not handle approval ${event.requestId}: ${error}`,
              );
            }
          },
        });

        await scheduleDispatcher({
          scheduler: deps.scheduler,
          config,
          store,
          provisioner,
          logger,
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            provisioner,
          }),
        );
      },
    });
  },
});
