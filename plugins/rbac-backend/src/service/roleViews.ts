import { RoleMember, RoleView } from '@internal/plugin-rbac-common';
import { RbacEngine } from '@internal/plugin-rbac-node';
import { rbacUserOf } from './accessCell';
import { mapInSlices } from './inSlices';

/**
 * The roles in force with their members resolved from the catalog: a group member lists
 * every user in it or in a group below it. A role's user count comes from the engine's own
 * resolution of each user, so it matches the decisions.
 */
export async function roleViews(engine: RbacEngine): Promise<RoleView[]> {
  const graph = engine.groups;
  const candidates = new Set(graph.userRefs());
  for (const role of engine.config.roles) {
    // A user named in a role counts even before the catalog lists them.
    for (const ref of role.members)
      if (ref.startsWith('user:')) candidates.add(ref);
  }
  const holders = new Map<string, number>();
  await mapInSlices([...candidates], userRef => {
    for (const role of engine.resolve(rbacUserOf(userRef)).roles) {
      holders.set(role.name, (holders.get(role.name) ?? 0) + 1);
    }
  });

  return engine.config.roles.map(({ members, ...role }) => ({
    ...role,
    members: members.map(
      (ref): RoleMember =>
        ref.startsWith('group:')
          ? { ref, kind: 'group', users: [...graph.usersIn(ref)] }
          : { ref, kind: 'user', users: [ref] },
    ),
    userCount: holders.get(role.name) ?? 0,
  }));
}
