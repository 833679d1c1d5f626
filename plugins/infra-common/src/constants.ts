/** The approval kind of provisioning requests; the infra backend acts on this kind only. */
export const INFRA_APPROVAL_KIND = 'infrastructure';

/** Annotations on the catalog `Resource` entities the infra backend provides. */
export const INFRA_ANNOTATIONS = {
  RESOURCE_ID: 'gantry.io/infra-resource-id',
  REQUEST_ID: 'gantry.io/infra-request-id',
  ENVIRONMENT: 'gantry.io/environment',
} as const;

/** The signals channel on which open pages hear about a request's progress. */
export const INFRA_SIGNAL_CHANNEL = 'gantry-infra';

/** What the infra backend publishes on {@link INFRA_SIGNAL_CHANNEL}: a status, or `log`. */
export type InfraSignal = { requestId: string; status: string };

/**
 * The ref of the catalog `Resource` entity of a provisioned resource: the catalog provider
 * names it after the resource, in the default namespace. Its activity card reads the audit
 * entries with this target.
 */
export function infraResourceEntityRef(resourceName: string): string {
  return `resource:default/${resourceName}`;
}
