import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  AuditorServiceEventSeverityLevel,
  AuthService,
  HttpAuthService,
  LoggerService,
  PluginMetadataService,
  RootConfigService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuditorEvent,
  DefaultAuditorService,
} from '@backstage/backend-defaults/auditor';
import {
  InputError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { NewAuditEntry } from '@internal/plugin-audit-common';
import { randomUUID } from 'node:crypto';
import { AuditStore } from './AuditStore';
import { auditStoreServiceRef } from './auditStoreServiceRef';
import { redactMeta, redactString, storableText } from './redactMeta';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

// Upstream's defaults and config keys for the log line (`backend.auditor`).
const DEFAULT_LOG_LEVELS: Record<AuditorServiceEventSeverityLevel, LogLevel> = {
  low: 'debug',
  medium: 'info',
  high: 'info',
  critical: 'info',
};

function severityLogLevels(
  config: RootConfigService,
): Record<AuditorServiceEventSeverityLevel, LogLevel> {
  const levels = { ...DEFAULT_LOG_LEVELS };
  for (const severity of Object.keys(
    levels,
  ) as AuditorServiceEventSeverityLevel[]) {
    const key = `backend.auditor.severityLogLevelMappings.${severity}`;
    const value = config.getOptionalString(key);
    if (value === undefined) continue;
    if (!LOG_LEVELS.includes(value as LogLevel)) {
      throw new InputError(
        `The configuration value for '${key}' was given an invalid value: '${value}'. Expected one of ${LOG_LEVELS.join(
          ', ',
        )}.`,
      );
    }
    levels[severity] = value as LogLevel;
  }
  return levels;
}

function stringMeta(meta: JsonObject | undefined, keys: string[]) {
  for (const key of keys) {
    const value = meta?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

// Strings from a request (ids, user agents) go into indexed columns: storable, and short.
function clip(value: string | undefined, length: number) {
  return value === undefined ? undefined : storableText(value).slice(0, length);
}

/** Turns one upstream auditor event into the entry the store keeps. */
export function toAuditEntry(
  event: AuditorEvent,
  correlationId: string,
  timestamp: Date = new Date(),
): NewAuditEntry {
  const ref = event.actor.actorId;
  let type: NewAuditEntry['actor']['type'] = 'none';
  if (ref) {
    // Upstream puts a user's entity ref or a service's subject (`plugin:x`, `external:y`) here.
    type = ref.startsWith('user:') ? 'user' : 'service';
  }
  return {
    timestamp: timestamp.toISOString(),
    correlationId,
    actor: {
      ref: clip(ref, 255),
      type,
      ip: clip(event.actor.ip, 64),
      userAgent: clip(event.actor.userAgent, 1000),
    },
    plugin: event.plugin,
    eventId: event.eventId,
    action: clip(stringMeta(event.meta, ['actionType', 'action']), 128),
    target: clip(
      stringMeta(event.meta, [
        'entityRef',
        'targetRef',
        'requestId',
        'taskId',
        'id',
      ]),
      1000,
    ),
    outcome: event.status,
    // The name and message only: a stack says nothing to an auditor and may hold secrets.
    error:
      event.status === 'failed'
        ? redactString(`${event.error.name}: ${event.error.message}`)
        : undefined,
    severity: event.severityLevel,
    meta: redactMeta(event.meta),
  };
}

/**
 * Upstream's auditor, which writes the audit log line, that also stores every event in the
 * central audit trail. Storing a medium, high or critical event must succeed, or the event's
 * action fails (as Vault refuses requests it cannot audit); a low event that cannot be stored
 * goes through with a warning.
 */
export class GantryAuditorService implements AuditorService {
  private readonly logLevels: Record<
    AuditorServiceEventSeverityLevel,
    LogLevel
  >;
  private readonly auditLogger: LoggerService;

  constructor(
    private readonly deps: {
      config: RootConfigService;
      logger: LoggerService;
      auth: AuthService;
      httpAuth: HttpAuthService;
      plugin: PluginMetadataService;
      store: AuditStore;
    },
  ) {
    this.logLevels = severityLogLevels(deps.config);
    this.auditLogger = deps.logger.child({ isAuditEvent: true });
  }

  async createEvent(
    options: AuditorServiceCreateEventOptions,
  ): Promise<AuditorServiceEvent> {
    // Upstream's event has no id; one per createEvent ties `initiated` to its outcome.
    const correlationId = randomUUID();
    const { auth, httpAuth, plugin } = this.deps;
    return DefaultAuditorService.create(
      event => this.record(event, correlationId),
      { auth, httpAuth, plugin },
    ).createEvent(options);
  }

  private async record(event: AuditorEvent, correlationId: string) {
    this.logLine(event, correlationId);
    try {
      await this.deps.store.append([toAuditEntry(event, correlationId)]);
    } catch (error) {
      const what = `${event.plugin}.${event.eventId} (${event.status}, ${event.severityLevel})`;
      if (event.severityLevel === 'low') {
        this.deps.logger.warn(
          `Could not store the audit event ${what}; it is only in the log: ${stringifyError(
            error,
          )}`,
        );
        return;
      }
      throw new ServiceUnavailableError(
        `Could not store the audit event ${what}, so the action is refused`,
        error,
      );
    }
  }

  // The same line upstream's auditor service writes, with the correlation id added.
  private logLine(event: AuditorEvent, correlationId: string) {
    const level = this.logLevels[event.severityLevel];
    const message = `${event.plugin}.${event.eventId}`;
    if (event.status === 'failed') {
      const { error, ...rest } = event;
      this.auditLogger.child({ ...rest, correlationId })[level](message, error);
    } else {
      this.auditLogger[level](message, { ...event, correlationId });
    }
  }
}

/**
 * Replaces the core auditor: keeps upstream's log line and persists every event in the
 * central, hash-chained audit trail, failing closed from medium severity up.
 */
export const gantryAuditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    plugin: coreServices.pluginMetadata,
    store: auditStoreServiceRef,
  },
  factory(deps) {
    return new GantryAuditorService(deps);
  },
});
