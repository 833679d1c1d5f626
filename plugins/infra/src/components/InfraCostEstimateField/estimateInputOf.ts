import {
  EstimateInfraCost,
  INFRA_ENVIRONMENTS,
  INFRA_RESOURCE_KINDS,
  InfraResourceKind,
} from '@internal/plugin-infra-common';

// The request form's properties that are the kind's parameters, as the templates name them.
const PARAMETER_KEYS: Record<InfraResourceKind, string[]> = {
  's3-bucket': ['versioning'],
  'ec2-instance': ['instanceType', 'subnetId', 'diskGb'],
  vpc: ['cidrBlock', 'subnetCount'],
};

/**
 * The body of `POST /estimate` from the request form's data (all steps) and the field's
 * `kind` option; undefined when the kind or the environment is missing or unknown.
 */
export function estimateInputOf(
  kind: string | undefined,
  formData: Record<string, unknown>,
): EstimateInfraCost | undefined {
  const known = INFRA_RESOURCE_KINDS.find(k => k === kind);
  const environment = INFRA_ENVIRONMENTS.find(e => e === formData.environment);
  if (!known || !environment) return undefined;
  const parameters = Object.fromEntries(
    PARAMETER_KEYS[known]
      .filter(key => formData[key] !== undefined)
      .map(key => [key, formData[key]]),
  );
  // The backend validates the parameters; the cast only names the union's shape.
  return { kind: known, environment, parameters } as EstimateInfraCost;
}
