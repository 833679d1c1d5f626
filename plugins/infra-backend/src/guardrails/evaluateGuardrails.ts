import { isCelError } from '@bufbuild/cel';
import {
  GuardrailResult,
  InfraRequest,
  isDenial,
} from '@internal/plugin-infra-common';
import { JsonObject } from '@backstage/types';
import {
  ResourceChange,
  asObject,
  plannedAttributesOf,
} from '../plan/resourceChanges';
import { CelProgram, Guardrail } from './compileGuardrails';

/**
 * What a rule sees of one resource change:
 * - `resource`: its address, type, name, actions, and attributes `before` and `after`
 *   (empty for a create or a destroy);
 * - `values`: the attributes it will have (before, for a destroy). A sandbox module's
 *   `terraform_data` keeps its AWS twin's attributes in `input`, so those are its values;
 * - `request`: the request's environment, kind, operation, parameters and owner.
 * An attribute only known after apply is absent; a rule checks it with `has()`.
 */
export function guardrailVariables(
  change: ResourceChange,
  request: Pick<
    InfraRequest,
    'environment' | 'kind' | 'operation' | 'parameters' | 'ownerRef'
  >,
) {
  const actions = change.change?.actions ?? [];
  const before = asObject(change.change?.before);
  const after = asObject(change.change?.after);
  const values = plannedAttributesOf(change);
  return {
    resource: {
      address: change.address ?? '',
      type: change.type ?? '',
      name: change.name ?? '',
      actions,
      before,
      after,
    },
    values,
    request: {
      environment: request.environment,
      kind: request.kind,
      operation: request.operation,
      parameters: request.parameters as JsonObject,
      owner: request.ownerRef,
    },
  };
}

/** A guardrail result as one sentence, for the plan log and a refusal's reason. */
export function describeGuardrailResult(result: GuardrailResult): string {
  const where = result.addresses.length
    ? ` (${result.addresses.join(', ')})`
    : '';
  const why = result.reason ? ` The rule ${result.reason}.` : '';
  return `${isDenial(result) ? 'Denied' : 'Warning'} by ${result.name}: ${
    result.message
  }${where}.${why}`;
}

function resultOf(
  rule: Guardrail,
  outcome: GuardrailResult['outcome'],
  addresses: string[],
): GuardrailResult {
  return {
    name: rule.name,
    level: rule.level,
    message: rule.message,
    outcome,
    addresses,
  };
}

type Outcome = { holds: true } | { holds: false } | { error: string };

function check(program: CelProgram, variables: object): Outcome {
  let result: unknown;
  try {
    result = program(variables as Parameters<CelProgram>[0]);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (isCelError(result)) return { error: result.message };
  if (typeof result !== 'boolean') {
    return { error: `it gave ${typeof result}, not true or false` };
  }
  return { holds: result };
}

/**
 * Runs every guardrail on every managed resource a plan changes (`managedResourceChangesOf`
 * the plan document). A resource breaks a rule
 * when `when` holds (or the rule has none) and `assert` does not; an expression that fails
 * or does not give a boolean makes the rule's outcome `error`, which denies like a break.
 */
export function evaluateGuardrails(
  guardrails: Guardrail[],
  changes: ResourceChange[],
  request: Parameters<typeof guardrailVariables>[1],
): GuardrailResult[] {
  // What the rules see of each change is the same for every rule: built once.
  const allVariables = changes.map(change =>
    guardrailVariables(change, request),
  );
  return guardrails.map(rule => {
    const addresses: string[] = [];
    let reason: string | undefined;
    for (const variables of allVariables) {
      const { address } = variables.resource;
      const applies = rule.when ? check(rule.when, variables) : { holds: true };
      if ('error' in applies) {
        reason ??= `${address}: ${applies.error}`;
        continue;
      }
      if (!applies.holds) continue;
      const asserted = check(rule.assert, variables);
      if ('error' in asserted) {
        reason ??= `${address}: ${asserted.error}`;
      } else if (!asserted.holds) {
        addresses.push(address);
      }
    }
    if (reason) {
      return {
        ...resultOf(rule, 'error', addresses),
        reason: `could not be evaluated: ${reason}`,
      };
    }
    return resultOf(rule, addresses.length ? 'violated' : 'passed', addresses);
  });
}
