import { z } from 'zod';

/** What a guardrail does when a plan breaks it: `deny` fails the request, `warn` tells the approver. */
export type GuardrailLevel = 'deny' | 'warn';

/**
 * One guardrail's result on a plan: passed, broken by the listed resources, or not
 * evaluable (which counts as broken: a rule that cannot be checked does not let a plan by).
 * Stored with the plan and carried in the approval's details.
 */
export const guardrailResultSchema = z.object({
  name: z.string(),
  level: z.enum(['deny', 'warn']),
  /** The rule's message, as the config writes it. */
  message: z.string(),
  outcome: z.enum(['passed', 'violated', 'error']),
  /** The resource addresses that break the rule. */
  addresses: z.array(z.string()),
  /** Why the rule could not be evaluated, for `error`. */
  reason: z.string().optional(),
});

/** One guardrail's result on a plan. */
export type GuardrailResult = z.infer<typeof guardrailResultSchema>;

/**
 * The results that stop a request before approval: a `deny` broken, and any rule that could
 * not be evaluated, whatever its level (a rule that cannot be checked lets no plan by).
 */
export function deniedBy(results: GuardrailResult[]): GuardrailResult[] {
  return results.filter(r => isDenial(r));
}

/** Whether one result stops the request. */
export function isDenial(result: GuardrailResult): boolean {
  return (
    result.outcome === 'error' ||
    (result.level === 'deny' && result.outcome === 'violated')
  );
}
