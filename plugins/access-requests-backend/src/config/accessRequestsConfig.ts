import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AccessTarget,
  accessDurationSeconds,
} from '@internal/plugin-access-requests-common';
import { z } from 'zod';

const MAX_GRANT_SECONDS = 30 * 86_400;

/** An entity ref of one of `kinds`, in its full form (`group:default/approvers`). */
const entityRef = (kinds: string[]) =>
  z.string().transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value);
      if (kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
        return stringifyEntityRef(ref);
      }
    } catch {
      // The message below says what is expected.
    }
    ctx.addIssue({
      code: 'custom',
      message: `expected an entity ref of kind ${kinds.join(' or ')}, like ${
        kinds[0]
      }:default/name`,
    });
    return z.NEVER;
  });

const duration = (max: number) =>
  z.string().refine(
    value => {
      const seconds = accessDurationSeconds(value);
      return seconds !== undefined && seconds <= max;
    },
    {
      message: `expected a whole number and a unit (s, m, h or d), like 30m or 4h, of at most ${
        max / 86_400
      }d`,
    },
  );

const targetSchema = z
  .object({
    role: z.string().trim().min(1).max(100).optional(),
    group: entityRef(['group']).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).optional(),
    approvers: z.array(entityRef(['user', 'group'])).min(1),
    durations: z
      .array(duration(MAX_GRANT_SECONDS))
      .min(1)
      .refine(list => new Set(list).size === list.length, {
        message: 'lists a duration twice',
      }),
  })
  .strict()
  .refine(t => (t.role === undefined) !== (t.group === undefined), {
    message: 'name exactly one of role and group',
  });

const configSchema = z
  .object({
    targets: z.array(targetSchema).default([]),
    expirySweepSeconds: z.number().int().min(1).max(3600).default(30),
    approvalSweepSeconds: z.number().int().min(5).max(3600).default(60),
    approvalExpiry: duration(MAX_GRANT_SECONDS)
      .refine(value => accessDurationSeconds(value)! >= 60, {
        message: 'must be at least 1m',
      })
      .default('1d'),
  })
  .strict();

/** The `accessRequests` config block, checked and with defaults. */
export type AccessRequestsConfig = {
  targets: AccessTarget[];
  /** How often the expiry task ends the grants that ran out. */
  expirySweepSeconds: number;
  /** How often pending requests are checked against their approval, for missed events. */
  approvalSweepSeconds: number;
  /** How long approvers have to decide before the approval (and the request) expires. */
  approvalExpirySeconds: number;
};

/**
 * Reads `accessRequests` from the config. A bad block stops the plugin at start with an
 * error naming each bad key, rather than offering targets that cannot be granted.
 */
export function readAccessRequestsConfig(
  config: RootConfigService,
): AccessRequestsConfig {
  const parsed = configSchema.safeParse(
    config.getOptional('accessRequests') ?? {},
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid accessRequests config: ${parsed.error.issues
        .map(i => `accessRequests.${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const targets = parsed.data.targets.map((t): AccessTarget => {
    const target = t.role
      ? { kind: 'role' as const, role: t.role }
      : { kind: 'group' as const, group: t.group! };
    const id = target.kind === 'role' ? target.role : target.group;
    return {
      id,
      target,
      title: t.title ?? defaultTitle(target),
      ...(t.description && { description: t.description }),
      approvers: t.approvers,
      durations: t.durations,
    };
  });
  const ids = targets.map(t => t.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) {
    throw new Error(
      `Invalid accessRequests config: accessRequests.targets: ${twice} is listed twice`,
    );
  }
  return {
    targets,
    expirySweepSeconds: parsed.data.expirySweepSeconds,
    approvalSweepSeconds: parsed.data.approvalSweepSeconds,
    approvalExpirySeconds: accessDurationSeconds(parsed.data.approvalExpiry)!,
  };
}

/** How a target reads in titles: `role admin`, `group approvers`. */
export function describeTarget(target: AccessTarget['target']): string {
  if (target.kind === 'role') return `role ${target.role}`;
  const ref = parseEntityRef(target.group);
  return `group ${
    ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`
  }`;
}

function defaultTitle(target: AccessTarget['target']): string {
  const text = describeTarget(target);
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}
