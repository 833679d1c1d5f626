import { celEnv, parse, plan } from '@bufbuild/cel';
import { RootConfigService } from '@backstage/backend-plugin-api';
import { GuardrailLevel } from '@internal/plugin-infra-common';
import { z } from 'zod';

const ruleSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug'),
    level: z.enum(['deny', 'warn']),
    message: z.string().min(1).max(500),
    when: z.string().min(1).max(2000).optional(),
    assert: z.string().min(1).max(2000),
  })
  .strict();

/** A CEL program, ready to run on the variables of one resource change. */
export type CelProgram = ReturnType<typeof plan>;

/** A guardrail from `infra.guardrails`, with its expressions compiled. */
export type Guardrail = {
  name: string;
  level: GuardrailLevel;
  message: string;
  /** Which resource changes it applies to; all of them without `when`. */
  when?: CelProgram;
  /** What each of those must satisfy. */
  assert: CelProgram;
};

function compile(name: string, field: string, expression: string) {
  try {
    return plan(celEnv(), parse(expression));
  } catch (error) {
    throw new Error(
      `infra.guardrails: rule ${name}: ${field} is not valid CEL: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * Reads and compiles `infra.guardrails`. A rule that does not parse stops the backend at
 * start, rather than letting plans by unchecked.
 */
export function compileGuardrails(config: RootConfigService): Guardrail[] {
  const raw = config.getOptional('infra.guardrails') ?? [];
  const parsed = z.array(ruleSchema).safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `infra.guardrails is invalid: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const names = new Set<string>();
  return parsed.data.map(rule => {
    if (names.has(rule.name)) {
      throw new Error(`infra.guardrails: rule ${rule.name} is named twice`);
    }
    names.add(rule.name);
    return {
      name: rule.name,
      level: rule.level,
      message: rule.message,
      when: rule.when ? compile(rule.name, 'when', rule.when) : undefined,
      assert: compile(rule.name, 'assert', rule.assert),
    };
  });
}
