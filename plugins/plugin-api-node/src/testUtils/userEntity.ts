/** A catalog User entity in the default namespace, member of the given groups (by name). */
export function userEntity(name: string, groups: string[]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(group => ({
      type: 'memberOf',
      targetRef: `group:default/${group}`,
    })),
  };
}
