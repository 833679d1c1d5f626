import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import { callPluginApi } from '@internal/plugin-api-node';
import { z } from 'zod';

/** Items per apply-conditions call; conditions carry claims, the plugin's body limit is 100 kB. */
const BATCH_SIZE = 50;
const APPLY_PATH = '/.well-known/backstage/permissions/apply-conditions';

const answerSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      result: z.enum([AuthorizeResult.ALLOW, AuthorizeResult.DENY]),
    }),
  ),
});

type Resolved = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * Resolves conditional decisions on one resource by asking the plugin that owns the
 * resource type to apply the conditions, as the permission framework does. Each distinct
 * condition is asked once, in batches, with this plugin's own service credentials.
 */
export class ConditionApplier {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  /** The result of each decision on `resourceRef`, in the order given. */
  async apply(
    resourceRef: string,
    decisions: ConditionalPolicyDecision[],
  ): Promise<Resolved[]> {
    const keyOf = (d: ConditionalPolicyDecision) =>
      JSON.stringify([d.pluginId, d.resourceType, d.conditions]);
    const distinct = new Map<string, ConditionalPolicyDecision>();
    for (const decision of decisions) distinct.set(keyOf(decision), decision);

    const byPlugin = new Map<
      string,
      Array<[string, ConditionalPolicyDecision]>
    >();
    for (const entry of distinct) {
      const list = byPlugin.get(entry[1].pluginId) ?? [];
      list.push(entry);
      byPlugin.set(entry[1].pluginId, list);
    }

    const results = new Map<string, Resolved>();
    for (const [pluginId, entries] of byPlugin) {
      for (let start = 0; start < entries.length; start += BATCH_SIZE) {
        const batch = entries.slice(start, start + BATCH_SIZE);
        const answer = await this.ask(pluginId, resourceRef, batch);
        for (const [key, result] of answer) results.set(key, result);
      }
    }
    return decisions.map(d => results.get(keyOf(d)) ?? AuthorizeResult.DENY);
  }

  private async ask(
    pluginId: string,
    resourceRef: string,
    batch: Array<[string, ConditionalPolicyDecision]>,
  ): Promise<Map<string, Resolved>> {
    let body: unknown;
    try {
      body = await callPluginApi(this.deps, {
        pluginId,
        path: APPLY_PATH,
        method: 'POST',
        body: {
          items: batch.map(([, decision], index) => ({
            id: String(index),
            resourceRef,
            resourceType: decision.resourceType,
            conditions: decision.conditions,
          })),
        },
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Plugin ${pluginId} could not apply the conditions on ${resourceRef}: ${stringifyError(
          error,
        )}`,
      );
    }
    const parsed = answerSchema.safeParse(body);
    if (!parsed.success) {
      throw new ServiceUnavailableError(
        `Plugin ${pluginId} answered the conditions on ${resourceRef} in an unknown shape`,
      );
    }
    const results = new Map<string, Resolved>();
    for (const item of parsed.data.items) {
      const entry = batch[Number(item.id)];
      if (entry) results.set(entry[0], item.result);
    }
    return results;
  }
}
