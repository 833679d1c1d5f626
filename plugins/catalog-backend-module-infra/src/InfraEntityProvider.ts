import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  ResourceEntity,
} from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  INFRA_ANNOTATIONS,
  InfraResource,
} from '@internal/plugin-infra-common';
import { InfraService } from '@internal/plugin-infra-node';

const PROVIDER_NAME = 'gantry-infra';

const OUTPUT_ANNOTATION_PREFIX = 'gantry.io/output-';

// The name part of an annotation key is at most 63 characters.
const MAX_OUTPUT_KEY_LENGTH = 63 - 'output-'.length;

// The backend only returns non-sensitive outputs; this is a second guard.
const SENSITIVE_OUTPUT_KEY = /secret|password|token|key$/i;

/**
 * Provides Gantry's active provisioned resources to the catalog as `Resource` entities.
 */
export class InfraEntityProvider implements EntityProvider {
  private readonly infra: InfraService;
  private readonly logger: LoggerService;
  private readonly appBaseUrl: string;
  private connection?: EntityProviderConnection;
  // Refreshes run one at a time, so an older, slower read can never overwrite a newer one
  // with a stale full mutation. `queued` is the next run, not yet reading; callers that
  // arrive while it waits share it, since it will see their change too.
  private queued?: Promise<number>;
  private tail: Promise<void> = Promise.resolve();

  constructor(options: {
    infra: InfraService;
    logger: LoggerService;
    /** The frontend's `app.baseUrl`: the catalog rejects entities with relative link URLs. */
    appBaseUrl: string;
  }) {
    this.infra = options.infra;
    this.logger = options.logger;
    this.appBaseUrl = options.appBaseUrl;
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /**
   * Replaces this provider's entities with one per active resource; resolves to how many it
   * handed to the catalog, or undefined when the catalog has not connected yet.
   */
  refresh(): Promise<number | undefined> {
    const connection = this.connection;
    if (!connection) {
      this.logger.debug(
        'Skipping infra resource refresh: the catalog has not connected yet',
      );
      return Promise.resolve(undefined);
    }
    if (this.queued) {
      return this.queued;
    }
    const run = this.tail.then(() => {
      this.queued = undefined;
      return this.applyAll(connection);
    });
    this.queued = run;
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async applyAll(connection: EntityProviderConnection) {
    const resources = await this.listActiveResources();
    const seen = new Set<string>();
    const entities = new Array<DeferredEntity>();
    for (const resource of resources) {
      if (seen.has(resource.name)) {
        this.logger.warn(
          `Infra resource ${resource.id} is named ${resource.name} like another active resource; leaving it out of the catalog`,
        );
        continue;
      }
      seen.add(resource.name);
      entities.push({
        entity: resourceToEntity(resource, { appBaseUrl: this.appBaseUrl }),
        locationKey: PROVIDER_NAME,
      });
    }
    await connection.applyMutation({ type: 'full', entities });
    this.logger.debug(
      `Provided ${entities.length} infra resources to the catalog`,
    );
    return entities.length;
  }

  private async listActiveResources(): Promise<InfraResource[]> {
    const active = new Array<InfraResource>();
    let cursor: string | undefined;
    do {
      const page = await this.infra.listResources(cursor ? { cursor } : {});
      active.push(...page.items.filter(r => r.status === 'active'));
      cursor = page.nextCursor;
    } while (cursor);
    return active;
  }
}

/** The catalog entity of one provisioned resource. */
export function resourceToEntity(
  resource: InfraResource,
  options: { appBaseUrl: string },
): ResourceEntity {
  const location = `${PROVIDER_NAME}:${resource.id}`;
  const appBaseUrl = options.appBaseUrl.replace(/\/+$/, '');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: resource.name,
      namespace: DEFAULT_NAMESPACE,
      description: `${resource.kind} in ${resource.environment}, provisioned by Gantry`,
      annotations: {
        [INFRA_ANNOTATIONS.RESOURCE_ID]: resource.id,
        [INFRA_ANNOTATIONS.REQUEST_ID]: resource.lastRequestId,
        [INFRA_ANNOTATIONS.ENVIRONMENT]: resource.environment,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        ...outputAnnotations(resource.outputs),
      },
      links: [
        {
          url: `${appBaseUrl}/infra/requests/${encodeURIComponent(
            resource.lastRequestId,
          )}`,
          title: 'Provisioning request',
        },
      ],
      tags: [resource.kind, resource.environment],
    },
    spec: {
      type: resource.kind,
      owner: resource.ownerRef,
      ...(resource.systemRef ? { system: resource.systemRef } : {}),
    },
  };
}

function outputAnnotations(
  outputs: Record<string, unknown>,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(outputs)) {
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    ) {
      continue;
    }
    const name = key
      .toLocaleLowerCase('en-US')
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, MAX_OUTPUT_KEY_LENGTH)
      .replace(/^-+|-+$/g, '');
    if (
      !name ||
      SENSITIVE_OUTPUT_KEY.test(key) ||
      SENSITIVE_OUTPUT_KEY.test(name)
    ) {
      continue;
    }
    annotations[`${OUTPUT_ANNOTATION_PREFIX}${name}`] = String(value);
  }
  return annotations;
}
