import { ConfigReader } from '@backstage/config';
import {
  sampleOrgEntities,
  sampleRolesConfig,
} from '@internal/plugin-api-node/testUtils';
import {
  GroupGraph,
  RbacEngine,
  readRbacConfig,
} from '@internal/plugin-rbac-node';

const groupRef = (name: string) =>
  name.includes(':') ? name : `group:default/${name}`;

/** The roles of the repo's app-config.yaml over the sample org of catalog/org.yaml. */
export function sampleOrgEngine(): RbacEngine {
  const entities = sampleOrgEntities();
  const graph = new GroupGraph(
    entities
      .filter(e => e.kind === 'Group')
      .map(e => ({
        ref: groupRef(e.metadata.name),
        parents: e.spec.parent ? [groupRef(e.spec.parent)] : [],
      })),
    entities
      .filter(e => e.kind === 'User')
      .map(e => ({
        ref: `user:default/${e.metadata.name}`,
        groups: (e.spec.memberOf ?? []).map(groupRef),
      })),
  );
  return new RbacEngine(
    readRbacConfig(new ConfigReader(sampleRolesConfig() as any)),
    graph,
  );
}

/** A sample user as their sign-in presents them: their ref and direct groups. */
export function sampleUser(engine: RbacEngine, name: string) {
  const userEntityRef = `user:default/${name}`;
  return {
    userEntityRef,
    ownershipEntityRefs: [
      userEntityRef,
      ...engine.groups.groupsOf(userEntityRef),
    ],
  };
}
