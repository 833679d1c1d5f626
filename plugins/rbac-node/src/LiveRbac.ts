import {
  AuditorService,
  AuditorServiceEvent,
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GroupGraph } from './GroupGraph';
import { loadGroupGraph } from './loadGroupGraph';
import { RbacEngine } from './RbacEngine';
import { RbacConfig, readRbacConfig } from './roleConfig';

/** How long a first decision waits for the catalog's groups before going on without them. */
const FIRST_LOAD_WAIT_MS = 10_000;

/**
 * How soon groups are read again while the catalog holds no users yet: at start-up the
 * catalog is still ingesting, and waiting a whole `groupRefreshSeconds` leaves every user
 * without their catalog groups for that long.
 */
const EMPTY_CATALOG_RETRY_SECONDS = 3;

/** How many role names a reload's audit event lists. */
const AUDITED_ROLE_NAMES = 20;

/** `work`, or nothing once `ms` have passed, whichever is first. */
function waitAtMost(work: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>(resolve => {
    const timeout = setTimeout(resolve, ms);
    timeout.unref();
    work.finally(() => {
      clearTimeout(timeout);
      resolve();
    });
  });
}

/**
 * The roles in force: the last good `gantry.rbac` and the last read of the catalog's groups.
 *
 * - A config change takes effect at once (the config service watches its files). A broken
 *   block is refused, logged, and the last good roles stay.
 * - Groups are read again every `groupRefreshSeconds`. A failed read keeps the last graph.
 *   Before the first read, only the groups in the user's sign-in count: roles can only be
 *   missing then, never extra.
 */
export class LiveRbac {
  private roles: RbacConfig;
  private graph = GroupGraph.empty();
  private current: RbacEngine;
  private firstLoad: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly deps: {
      config: RootConfigService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /**
       * Records every reload of `gantry.rbac`, good or refused. Give it to the one instance
       * that enforces the roles, so that a change is recorded once.
       */
      auditor?: AuditorService;
    },
  ) {
    // At start-up a broken block is an error: there is no last good policy to keep.
    this.roles = readRbacConfig(deps.config);
    this.current = new RbacEngine(this.roles, this.graph);
    deps.logger.info(this.summary('Roles loaded'));
  }

  /** The engine for the roles and groups in force now. */
  engine(): RbacEngine {
    return this.current;
  }

  /** Starts watching the config and refreshing groups. */
  start(): void {
    this.unsubscribe = this.deps.config.subscribe?.(() =>
      this.reloadRoles(),
    )?.unsubscribe;
    // Made once: every decision awaits this promise, settled after the first read.
    this.firstLoad = waitAtMost(this.refreshGroups(), FIRST_LOAD_WAIT_MS);
    this.schedule();
  }

  /** Stops the refresh timer and the config watch. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
  }

  /** Resolves once the first read of the groups has finished or taken too long. */
  ready(): Promise<void> {
    return this.firstLoad;
  }

  /**
   * Reads `gantry.rbac` again; keeps the last good roles when it is broken. The new roles
   * are in force at once; the audit event is recorded after them (see `auditReload`).
   */
  reloadRoles(): boolean {
    let roles: RbacConfig;
    try {
      roles = readRbacConfig(this.deps.config);
    } catch (error) {
      this.deps.logger.error(
        `Roles config refused, the last good roles stay in force: ${stringifyError(
          error,
        )}`,
      );
      this.auditReload(event => event.fail({ error: error as Error }));
      return false;
    }
    const refreshChanged =
      roles.groupRefreshSeconds !== this.roles.groupRefreshSeconds;
    this.roles = roles;
    this.current = new RbacEngine(this.roles, this.graph);
    this.deps.logger.info(this.summary('Roles reloaded'));
    if (refreshChanged) this.schedule();
    this.auditReload(event => event.success());
    return true;
  }

  /**
   * Records a reload as `rbac-roles-reload` with the roles in force after it (for a refused
   * one, the last good roles that stay). The change has already happened on disk, so there
   * is nothing to refuse: a reload that cannot be recorded is logged as an error rather than
   * keeping roles the file no longer holds (a revoked grant must not outlive an audit outage).
   */
  private auditReload(
    outcome: (event: AuditorServiceEvent) => Promise<void>,
  ): void {
    const { auditor, logger } = this.deps;
    if (!auditor) return;
    const names = this.roles.roles.map(r => r.name);
    const record = async () => {
      const event = await auditor.createEvent({
        eventId: 'rbac-roles-reload',
        severityLevel: 'medium',
        meta: {
          roles: names.length,
          grants: this.roles.roles.reduce((n, r) => n + r.grants.length, 0),
          names: names.slice(0, AUDITED_ROLE_NAMES),
        },
      });
      await outcome(event);
    };
    record().catch(error =>
      logger.error(
        `Could not audit the roles reload: ${stringifyError(error)}`,
      ),
    );
  }

  /** Reads the catalog's groups again; keeps the last graph when the read fails. */
  async refreshGroups(): Promise<void> {
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      this.graph = await loadGroupGraph(this.deps.catalog, credentials);
      this.current = new RbacEngine(this.roles, this.graph);
    } catch (error) {
      this.deps.logger.warn(
        `Could not read groups from the catalog, keeping the last ones: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const seconds =
      this.graph.size.users === 0
        ? Math.min(EMPTY_CATALOG_RETRY_SECONDS, this.roles.groupRefreshSeconds)
        : this.roles.groupRefreshSeconds;
    this.timer = setTimeout(async () => {
      await this.refreshGroups();
      this.schedule();
    }, seconds * 1000);
    this.timer.unref();
  }

  private summary(what: string): string {
    const grants = this.roles.roles.reduce((n, r) => n + r.grants.length, 0);
    const names = this.roles.roles.map(r => r.name);
    const shown = names.length > 10 ? [...names.slice(0, 10), '…'] : names;
    return `${what}: ${names.length} roles, ${grants} grants (${shown.join(
      ', ',
    )})`;
  }
}
