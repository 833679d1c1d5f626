import {
  AuditorService,
  AuditorServiceEvent,
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  TEMPORARY_GRANTS_EVENTS_TOPIC,
  TemporaryGrant,
} from '@internal/plugin-rbac-common';
import { GroupGraph } from './GroupGraph';
import { loadGroupGraph } from './loadGroupGraph';
import { RbacEngine } from './RbacEngine';
import { RbacConfig, readRbacConfig } from './roleConfig';
import { TemporaryGrantsReader } from './TemporaryGrantsReader';
import { randomUUID } from 'node:crypto';

/** How long a first decision waits for the catalog's groups before going on without them. */
const FIRST_LOAD_WAIT_MS = 10_000;

/**
 * How soon groups are read again while the catalog holds no users yet, or its number of users
 * changed since the read before: at start-up the catalog is still ingesting, and waiting a
 * whole `groupRefreshSeconds` leaves the users not read yet without their catalog groups for
 * that long.
 */
const INGESTING_CATALOG_RETRY_SECONDS = 3;

/**
 * The least time between the end of one read of the groups and the start of a read asked for
 * by `refreshGroupsSoon`: a page asking about a user the catalog does not know must not make
 * every request a read of the whole catalog.
 */
const ON_DEMAND_GROUPS_MIN_AGE_MS = 2_000;

/** How many role names a reload's audit event lists. */
const AUDITED_ROLE_NAMES = 20;

/** How often the temporary grants are read again, events or not. */
const GRANTS_REFRESH_MS = 30_000;

/** How soon a failed read of the temporary grants, or one no plugin answered, is tried again. */
const GRANTS_RETRY_MS = 5_000;

/** How long a read of the temporary grants may take before it counts as failed. */
const GRANTS_READ_TIMEOUT_MS = 10_000;

/** The longest delay `setTimeout` takes; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `work`, or a rejection once `ms` have passed, whichever is first. */
function failAfter<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      ms,
    );
    timeout.unref();
    work.then(resolve, reject).finally(() => clearTimeout(timeout));
  });
}

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
 * The roles in force: the last good `gantry.rbac`, the last read of the catalog's groups, and
 * the active temporary grants.
 *
 * - A config change takes effect at once (the config service watches its files). A broken
 *   block is refused, logged, and the last good roles stay.
 * - Groups are read again every `groupRefreshSeconds`, every 3 s while the catalog holds no
 *   users or its number of users is still changing, and on demand (`refreshGroupsSoon`).
 *   A failed read keeps the last graph. Before the first read, only the groups in the user's
 *   sign-in count: roles can only be missing then, never extra.
 * - Temporary grants (with `discovery`) are read at start, every 30 s, and on every event of
 *   `TEMPORARY_GRANTS_EVENTS_TOPIC` (with `events`), on every replica; a local publish
 *   returns only once the new grants are in force. A grant stops counting at its `expiresAt`, read or not. A failed
 *   read fails closed: no temporary grant counts until a read succeeds (the permanent roles
 *   stay); a 404 means no plugin serves grants, so none count.
 */
export class LiveRbac {
  private roles: RbacConfig;
  private graph = GroupGraph.empty();
  private grants: TemporaryGrant[] = [];
  private current: RbacEngine;
  private firstLoad: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private grantsTimer?: NodeJS.Timeout;
  private expiryTimer?: NodeJS.Timeout;
  private started = false;
  private stopped = false;
  /** The read of the groups under way, shared by everyone who asks for one meanwhile. */
  private groupsRead?: Promise<void>;
  /** The read on demand waiting to start, shared by everyone who asks for one meanwhile. */
  private nextGroupsRead?: Promise<void>;
  /** When the last read of the groups ended, good or failed. */
  private groupsReadAt = -Infinity;
  /** Whether the last good read found a different number of users than the one before. */
  private usersChanged = false;
  private unsubscribe?: () => void;
  private readonly grantsReader?: TemporaryGrantsReader;
  /** Reads of the grants are numbered as they start; a read older than the last applied is dropped. */
  private grantReadsStarted = 0;
  private grantReadApplied = 0;

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
      /** Finds the plugin that serves temporary grants; without it none count. */
      discovery?: DiscoveryService;
      /** Announces changes of the temporary grants; without it they are read every 30 s. */
      events?: EventsService;
    },
  ) {
    // At start-up a broken block is an error: there is no last good policy to keep.
    this.roles = readRbacConfig(deps.config);
    this.current = new RbacEngine(this.roles, this.graph);
    if (deps.discovery) {
      this.grantsReader = new TemporaryGrantsReader({
        auth: deps.auth,
        discovery: deps.discovery,
      });
    }
    deps.logger.info(this.summary('Roles loaded'));
  }

  /**
   * The engine for the roles, groups and temporary grants in force now. Built again here
   * when a grant has expired since, so an expired grant never counts, even if its timer is
   * late.
   */
  engine(): RbacEngine {
    const next = this.current.nextExpiry;
    if (next !== undefined && Date.now() >= next) this.rebuild();
    return this.current;
  }

  /** Starts watching the config, refreshing groups and reading temporary grants. */
  start(): void {
    this.started = true;
    this.unsubscribe = this.deps.config.subscribe?.(() =>
      this.reloadRoles(),
    )?.unsubscribe;
    this.deps.events
      ?.subscribe({
        // One subscription per instance: the events backend hands an event to one subscriber
        // per id, and every replica must drop a revoked grant. The hub drops the
        // subscriptions of stopped instances after its window.
        id: `temporary-grants-${randomUUID()}`,
        topics: [TEMPORARY_GRANTS_EVENTS_TOPIC],
        // Awaited, so that a publish on this instance returns with the change in force.
        onEvent: async () => {
          await this.refreshTemporaryGrants();
        },
      })
      .catch(error =>
        this.deps.logger.warn(
          `Could not subscribe to ${TEMPORARY_GRANTS_EVENTS_TOPIC}, temporary grants are read every ${
            GRANTS_REFRESH_MS / 1000
          } s only: ${stringifyError(error)}`,
        ),
      );
    // Made once: every decision awaits this promise, settled after the first reads.
    this.firstLoad = waitAtMost(
      Promise.all([
        this.refreshGroups(),
        this.refreshTemporaryGrants().then(ok => this.scheduleGrants(ok)),
      ]).then(() => undefined),
      FIRST_LOAD_WAIT_MS,
    );
  }

  /** Stops the refresh timers and the config watch. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.grantsTimer);
    clearTimeout(this.expiryTimer);
    this.unsubscribe?.();
  }

  /**
   * Reads the active temporary grants and puts them in force; resolves once they are. Fails
   * closed: when the read fails, no temporary grant counts until the next one succeeds.
   * Returns whether grants were read: false when the read failed, or when no plugin answered
   * (at start-up the access-requests plugin may not be routed yet), to read again soon.
   */
  async refreshTemporaryGrants(): Promise<boolean> {
    const reader = this.grantsReader;
    if (!reader || this.stopped) return true;
    const read = ++this.grantReadsStarted;
    let grants: TemporaryGrant[] = [];
    let ok = true;
    try {
      const found = await failAfter(reader.read(), GRANTS_READ_TIMEOUT_MS);
      grants = found.grants;
      ok = found.installed;
    } catch (error) {
      ok = false;
      this.deps.logger.warn(
        `Could not read the temporary grants; none counts until they are read again: ${stringifyError(
          error,
        )}`,
      );
    }
    // A read started later has already been put in force: this one may predate a change.
    if (read < this.grantReadApplied) return ok;
    this.grantReadApplied = read;
    if (JSON.stringify(grants) !== JSON.stringify(this.grants)) {
      this.grants = grants;
      this.rebuild();
    }
    return ok;
  }

  /** Builds the engine for what is in force now, and times the next grant's expiry. */
  private rebuild(): void {
    this.current = new RbacEngine(this.roles, this.graph, {
      temporaryGrants: this.grants,
    });
    clearTimeout(this.expiryTimer);
    const next = this.current.nextExpiry;
    if (next === undefined || this.stopped) return;
    this.expiryTimer = setTimeout(
      () => this.rebuild(),
      Math.min(Math.max(next - Date.now(), 0), MAX_TIMER_MS),
    );
    this.expiryTimer.unref();
  }

  private scheduleGrants(lastReadOk: boolean): void {
    clearTimeout(this.grantsTimer);
    if (this.stopped || !this.grantsReader) return;
    this.grantsTimer = setTimeout(
      async () => this.scheduleGrants(await this.refreshTemporaryGrants()),
      lastReadOk ? GRANTS_REFRESH_MS : GRANTS_RETRY_MS,
    );
    this.grantsTimer.unref();
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
    this.rebuild();
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

  /**
   * Reads the catalog's groups again, or joins the read under way; keeps the last graph when
   * the read fails. The next scheduled read is timed from the end of this one.
   */
  refreshGroups(): Promise<void> {
    this.groupsRead ??= this.readGroups().finally(() => {
      this.groupsRead = undefined;
      this.groupsReadAt = Date.now();
      this.schedule();
    });
    return this.groupsRead;
  }

  /**
   * Reads the groups again for a caller that found a user missing, whom the catalog may have
   * ingested since. Resolves after a read that started after the call. Callers share one such
   * read, and it starts no sooner than `ON_DEMAND_GROUPS_MIN_AGE_MS` after the last read ended:
   * a caller waits for that rather than go on with the graph that missed the user.
   */
  refreshGroupsSoon(): Promise<void> {
    this.nextGroupsRead ??= this.readGroupsOnDemand();
    return this.nextGroupsRead;
  }

  private async readGroupsOnDemand(): Promise<void> {
    // A read under way may have started before the user was ingested: this one follows it.
    await this.groupsRead;
    const wait = this.groupsReadAt + ON_DEMAND_GROUPS_MIN_AGE_MS - Date.now();
    if (wait > 0) {
      await new Promise(resolve => setTimeout(resolve, wait).unref());
    }
    this.nextGroupsRead = undefined;
    // A read the timer started meanwhile started after the callers asked too: it will do.
    await this.refreshGroups();
  }

  private async readGroups(): Promise<void> {
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      const graph = await loadGroupGraph(this.deps.catalog, credentials);
      this.usersChanged = graph.size.users !== this.graph.size.users;
      this.graph = graph;
      this.rebuild();
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
    if (!this.started || this.stopped) return;
    const ingesting = this.graph.size.users === 0 || this.usersChanged;
    const seconds = ingesting
      ? Math.min(
          INGESTING_CATALOG_RETRY_SECONDS,
          this.roles.groupRefreshSeconds,
        )
      : this.roles.groupRefreshSeconds;
    this.timer = setTimeout(() => this.refreshGroups(), seconds * 1000);
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
