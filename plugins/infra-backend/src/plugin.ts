import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
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
import {
  infraRequestPermissionRules,
  infraRequestResourceRef,
} from '@internal/plugin-infra-node';
import { TerraformRunner } from '@internal/plugin-terraform-node';
import { randomUUID } from 'node:crypto';
import { DatabaseInfraStore } from './database/DatabaseInfraStore';
import { systemClock } from './service/clock';
import { createInfraServices } from './service/infraServices';
import {
  readJobWorkerSettings,
  readTerraformSettings,
  resolveBinary,
} from './service/infraConfig';
import { auditStoreServiceRef } from '@internal/plugin-audit-node';
import { readPriceList } from './cost/readPriceList';
import { compileGuardrails } from './guardrails/compileGuardrails';
import { createRouter } from './service/router';
import { createOpsRouter } from './ops/createOpsRouter';
import { DatabaseOpsStore } from './ops/DatabaseOpsStore';
import { scheduleSweeper } from './service/sweeper';
import { TerraformHealth } from './service/TerraformHealth';
import { Workspaces } from './service/Workspaces';

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
        auditStore: auditStoreServiceRef,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        approvals: approvalsServiceRef,
        lifecycle: coreServices.lifecycle,
        rootLifecycle: coreServices.rootLifecycle,
      },
      async init(deps) {
        const { config, logger } = deps;
        const store = await DatabaseInfraStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: infraRequestResourceRef,
          permissions: infraPermissions,
          rules: Object.values(infraRequestPermissionRules),
          getResources: ids => store.getRequests(ids),
        });

        const binary = resolveBinary(
          config.getOptionalString('infra.terraform.binary') ?? 'terraform',
        );
        const runner = new TerraformRunner({
          binary,
          timeoutMs:
            (config.getOptionalNumber('infra.terraform.timeoutSeconds') ??
              1800) * 1000,
          lockTimeoutSeconds: config.getOptionalNumber(
            'infra.terraform.lockTimeoutSeconds',
          ),
          logger,
        });
        const prices = readPriceList(config);
        const services = createInfraServices({
          store,
          runner,
          workspaces: new Workspaces(
            config.getOptionalString('infra.workDir') ?? '.data/terraform',
          ),
          terraform: readTerraformSettings(config),
          guardrails: compileGuardrails(config),
          prices,
          policy: {
            approverGroups: config.getOptionalStringArray(
              'infra.approverGroups',
            ) ?? ['group:default/approvers'],
            quorum: config.getOptionalNumber('infra.approvalQuorum') ?? 1,
          },
          jobs: readJobWorkerSettings(config),
          approvals: deps.approvals,
          catalog: deps.catalog,
          auth: deps.auth,
          auditor: deps.auditor,
          signals: deps.signals,
          events: deps.events,
          notifications: deps.notifications,
          logger,
          clock: systemClock,
          instanceId: randomUUID(),
        });
        const { worker, tracker } = services;

        // Each decision reaches the infra plugin of one replica as an event, over the events
        // bus (one delivery per subscription id); the apply is a job any replica may claim,
        // once. A decision whose event was missed is followed by the sweeper.
        await deps.events.subscribe({
          id: 'infra-approvals',
          topics: [APPROVALS_EVENTS_TOPIC],
          async onEvent({ eventPayload }) {
            const event = eventPayload as ApprovalStatusChangedEvent;
            if (event?.kind !== INFRA_APPROVAL_KIND) return;
            try {
              await tracker.follow(event.requestId);
              worker.wake();
            } catch (error) {
              logger.warn(
                `Could not handle approval ${event.requestId}: ${error}`,
              );
            }
          },
        });

        await scheduleSweeper({
          scheduler: deps.scheduler,
          config,
          sweep: services.sweep,
        });
        deps.lifecycle.addStartupHook(() => worker.start());
        // From SIGTERM on no job is claimed here, while readiness already answers 503 for
        // backend.lifecycle.serverShutdownDelay; the plugin shutdown then waits for the
        // running jobs and hands back unfinished plans (docs/infra.md).
        deps.rootLifecycle.addBeforeShutdownHook(() => worker.stopClaiming());
        deps.lifecycle.addShutdownHook(() => worker.stop());

        const health = new TerraformHealth({
          runner,
          binary,
          clock: systemClock,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger: deps.logger,
            store,
            worker,
            auditStore: deps.auditStore,
            prices,
            clock: systemClock,
            health,
            transformConditions: createConditionTransformer(
              deps.permissionsRegistry.getPermissionRuleset(
                infraRequestResourceRef,
              ),
            ),
          }),
        );
        deps.httpRouter.use(
          await createOpsRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            store: await DatabaseOpsStore.create({ database: deps.database }),
            clock: systemClock,
            health,
            worker,
            jobs: readJobWorkerSettings(config),
          }),
        );
      },
    });
  },
});
