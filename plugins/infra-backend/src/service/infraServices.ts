import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { TerraformRunner } from '@internal/plugin-terraform-node';
import { InfraStore } from '../database/InfraStore';
import { Applier } from './Applier';
import { ApprovalPolicy } from './approvalPayload';
import { ApprovalTracker } from './ApprovalTracker';
import { Clock } from './clock';
import { JobWorker, JobWorkerSettings } from './JobWorker';
import { Planner } from './Planner';
import { RequestLifecycle } from './RequestLifecycle';
import { TerraformSettings } from './requestModule';
import { RequestNotifier } from './RequestNotifier';
import { sweepOnce } from './sweeper';
import { Workspaces } from './Workspaces';
import { LIST_PRICES, PriceList } from '../cost/listPrices';
import { Guardrail } from '../guardrails/compileGuardrails';

/** What the infra services are built from. */
export type InfraServicesOptions = {
  store: InfraStore;
  runner: TerraformRunner;
  workspaces: Workspaces;
  terraform: TerraformSettings;
  policy: ApprovalPolicy;
  jobs: JobWorkerSettings;
  approvals: ApprovalsService;
  catalog: CatalogService;
  auth: AuthService;
  auditor: AuditorService;
  signals: SignalsService;
  events: EventsService;
  notifications: NotificationService;
  logger: LoggerService;
  clock: Clock;
  instanceId: string;
  /** `infra.guardrails`, compiled; none when not given. */
  guardrails?: Guardrail[];
  /** The list prices of cost estimates; the shipped table when not given. */
  prices?: PriceList;
};

/** The infra services, wired: one place, used by the plugin and by tests. */
export function createInfraServices(options: InfraServicesOptions) {
  const { store, approvals, auditor, logger, clock, policy } = options;
  const notifier = new RequestNotifier(options);
  const lifecycle = new RequestLifecycle({
    store,
    approvals,
    notifier,
    logger,
    clock,
    approverGroups: policy.approverGroups,
  });
  const tracker = new ApprovalTracker({
    store,
    approvals,
    lifecycle,
    notifier,
    auditor,
    logger,
    clock,
    policy,
  });
  const common = {
    store,
    runner: options.runner,
    workspaces: options.workspaces,
    settings: options.terraform,
    lifecycle,
    notifier,
    auditor,
    logger,
    clock,
  };
  const planner = new Planner({
    ...common,
    tracker,
    guardrails: options.guardrails ?? [],
    prices: options.prices ?? LIST_PRICES,
  });
  const applier = new Applier({
    ...common,
    approvals,
    policy,
    catalog: options.catalog,
    auth: options.auth,
  });
  const worker = new JobWorker({
    store,
    planner,
    applier,
    lifecycle,
    logger,
    clock,
    settings: options.jobs,
    instanceId: options.instanceId,
  });
  /** One pass of the sweeper, with the same idea of a dead worker as the job workers. */
  const sweep = () =>
    sweepOnce({
      store,
      tracker,
      planner,
      lifecycle,
      logger,
      clock,
      staleAfterMs: options.jobs.staleAfterMs,
    });
  return { notifier, lifecycle, tracker, planner, applier, worker, sweep };
}

/** The wired infra services. */
export type InfraServices = ReturnType<typeof createInfraServices>;
