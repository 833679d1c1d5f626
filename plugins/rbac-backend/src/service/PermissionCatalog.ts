import {
  AuthService,
  CacheService,
  DiscoveryService,
  LoggerService,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';
import { isError, ResponseError, stringifyError } from '@backstage/errors';
import { Permission } from '@backstage/plugin-permission-common';
import { callPluginApi } from '@internal/plugin-api-node';
import { PermissionInfo } from '@internal/plugin-rbac-common';
import { pluginIdOfResourceType } from '@internal/plugin-rbac-node';
import { z } from 'zod';

const CACHE_KEY = 'permission-catalog';
/** Permissions only change on a deploy; a minute keeps the page fresh enough. */
const CACHE_TTL_MS = 60_000;
const METADATA_PATH = '/.well-known/backstage/permissions/metadata';

/** The part of a plugin's permission metadata the catalog reads; other fields are ignored. */
const metadataSchema = z.object({
  permissions: z.array(
    z.object({
      type: z.enum(['basic', 'resource']),
      name: z.string().min(1),
      attributes: z
        .object({
          action: z.enum(['create', 'read', 'update', 'delete']).optional(),
        })
        .optional(),
      resourceType: z.string().min(1).optional(),
    }),
  ),
});

/** The permission the engine decides on, rebuilt from what the catalog lists. */
export function permissionOf(info: PermissionInfo): Permission {
  const attributes = info.action ? { action: info.action } : {};
  return info.type === 'resource' && info.resourceType
    ? {
        type: 'resource',
        name: info.name,
        attributes,
        resourceType: info.resourceType,
      }
    : { type: 'basic', name: info.name, attributes };
}

/** The plugin a permission's name or resource type says owns it. */
function ownerOf(info: PermissionInfo): string {
  return info.resourceType
    ? pluginIdOfResourceType(info.resourceType)
    : info.name.split('.')[0];
}

/**
 * Every permission of every installed plugin, as each plugin's permission metadata endpoint
 * lists it: nothing is kept by hand, so a new plugin's permissions show up on its deploy.
 * Plugins without the endpoint are skipped. The list is cached for a minute.
 */
export class PermissionCatalog {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      cache: CacheService;
      logger: LoggerService;
      instanceMetadata: RootInstanceMetadataService;
    },
  ) {}

  /** Every permission, sorted by name. */
  async list(): Promise<PermissionInfo[]> {
    const cached = await this.deps.cache.get<PermissionInfo[]>(CACHE_KEY);
    if (cached) return cached;

    const plugins = await this.deps.instanceMetadata.getInstalledPlugins();
    const pluginIds = plugins.map(p => p.pluginId).sort();
    const answers = await Promise.all(pluginIds.map(id => this.read(id)));

    const byName = new Map<string, PermissionInfo>();
    for (const info of answers.flatMap(answer => answer ?? [])) {
      const known = byName.get(info.name);
      // Several plugins may list one permission; the one that owns it names it.
      if (
        !known ||
        (known.pluginId !== ownerOf(known) && info.pluginId === ownerOf(info))
      ) {
        byName.set(info.name, info);
      }
    }
    const permissions = [...byName.values()].sort((a, b) =>
      a.name.localeCompare(b.name, 'en-US'),
    );
    // A list missing a plugin that failed is not kept: the next request asks again.
    if (answers.every(answer => answer !== undefined)) {
      await this.deps.cache.set(CACHE_KEY, permissions, { ttl: CACHE_TTL_MS });
    }
    return permissions;
  }

  /** One permission by name, if an installed plugin declares it. */
  async get(name: string): Promise<PermissionInfo | undefined> {
    return (await this.list()).find(p => p.name === name);
  }

  /** A plugin's permissions; `[]` when it has no metadata, `undefined` when it failed. */
  private async read(pluginId: string): Promise<PermissionInfo[] | undefined> {
    let body: unknown;
    try {
      body = await callPluginApi(this.deps, {
        pluginId,
        path: METADATA_PATH,
        method: 'GET',
      });
    } catch (error) {
      if (ResponseError.is(error) && error.response.status === 404) return [];
      // A plugin answering something other than JSON (the app's index.html) has no endpoint.
      if (isError(error) && error.name === 'SyntaxError') return [];
      this.deps.logger.warn(
        `Could not read the permissions of plugin ${pluginId}: ${stringifyError(
          error,
        )}`,
      );
      return undefined;
    }
    const parsed = metadataSchema.safeParse(body);
    if (!parsed.success) return [];
    return parsed.data.permissions.map(p => ({
      name: p.name,
      pluginId,
      type: p.type,
      ...(p.type === 'resource' && p.resourceType
        ? { resourceType: p.resourceType }
        : {}),
      ...(p.attributes?.action ? { action: p.attributes.action } : {}),
    }));
  }
}
