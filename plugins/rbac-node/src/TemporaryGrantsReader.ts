import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { callPluginApi } from '@internal/plugin-api-node';
import {
  TEMPORARY_GRANTS_PATH,
  TEMPORARY_GRANTS_PLUGIN_ID,
  TemporaryGrant,
} from '@internal/plugin-rbac-common';
import { z } from 'zod';

const entityRef = (kind: 'user' | 'group') =>
  z
    .string()
    .regex(
      new RegExp(`^${kind}:[a-z0-9-_.]+/[A-Za-z0-9-_.]+$`),
      `a full ${kind} ref, like ${kind}:default/name`,
    );

const grantListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().min(1),
      userEntityRef: entityRef('user'),
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('role'), role: z.string().min(1) }),
        z.object({ kind: z.literal('group'), group: entityRef('group') }),
      ]),
      expiresAt: z.iso.datetime({ offset: true }),
    }),
  ),
});

/** What a read of the active temporary grants found. */
export type TemporaryGrantsRead = {
  /** False when no plugin serves temporary grants (it is not installed). */
  installed: boolean;
  grants: TemporaryGrant[];
};

/**
 * Reads the active temporary grants from the plugin that serves them
 * (`TEMPORARY_GRANTS_PLUGIN_ID`), as the calling plugin's own service.
 */
export class TemporaryGrantsReader {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  /**
   * The active grants. A 404 means the plugin is not installed: no grants. Any other failure,
   * or an answer that is not a grant list, throws.
   */
  async read(): Promise<TemporaryGrantsRead> {
    let body: unknown;
    try {
      body = await callPluginApi<unknown>(this.deps, {
        pluginId: TEMPORARY_GRANTS_PLUGIN_ID,
        path: TEMPORARY_GRANTS_PATH,
        method: 'GET',
      });
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404) {
        return { installed: false, grants: [] };
      }
      throw error;
    }
    const parsed = grantListSchema.safeParse(body);
    if (!parsed.success) {
      throw new Error(
        `The ${TEMPORARY_GRANTS_PLUGIN_ID} plugin answered with an invalid grant list: ${z.prettifyError(
          parsed.error,
        )}`,
      );
    }
    return { installed: true, grants: parsed.data.items };
  }
}
