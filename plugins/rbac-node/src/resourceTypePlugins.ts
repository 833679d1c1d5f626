/**
 * The plugin that owns each resource type, for conditional decisions. A resource type not
 * listed belongs to the plugin named by its first word (`infra-request` to `infra`), the
 * convention Gantry plugins follow; list a plugin here when it does not.
 */
const PLUGIN_OF_RESOURCE_TYPE: Record<string, string> = {
  'catalog-entity': 'catalog',
  'scaffolder-template': 'scaffolder',
  'scaffolder-action': 'scaffolder',
  'scaffolder-task': 'scaffolder',
  'approval-request': 'approvals',
  'access-request': 'access-requests',
};

/** The id of the plugin that applies conditions on `resourceType`. */
export function pluginIdOfResourceType(resourceType: string): string {
  return PLUGIN_OF_RESOURCE_TYPE[resourceType] ?? resourceType.split('-')[0];
}
