/** A group as the graph needs it: its ref and its parent groups' refs. */
export type GroupNode = { ref: string; parents: string[] };

/** A user as the graph needs it: its ref and the groups it is a direct member of. */
export type UserNode = { ref: string; groups: string[] };

/**
 * The catalog's groups as a graph, for transitive membership and ownership.
 *
 * - Membership goes down: a member of a child group is a member of its parent groups, to any
 *   depth, so a role given to a group applies to members of its child groups.
 * - Ownership goes up: a member of a parent group owns what its child groups own.
 *
 * Cycles in the catalog (a group that is its own ancestor) are walked once. Results are
 * memoized; the graph is immutable, a refresh builds a new one.
 */
export class GroupGraph {
  private readonly parents = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();
  private readonly userGroups = new Map<string, string[]>();
  private readonly directUsers = new Map<string, string[]>();
  private readonly sortedUserRefs: readonly string[];
  private readonly ancestorMemo = new Map<string, string[]>();
  private readonly descendantMemo = new Map<string, string[]>();
  private readonly usersInMemo = new Map<string, readonly string[]>();

  static empty(): GroupGraph {
    return new GroupGraph([], []);
  }

  constructor(groups: GroupNode[], users: UserNode[]) {
    for (const group of groups) {
      this.parents.set(group.ref, [...group.parents]);
      if (!this.children.has(group.ref)) this.children.set(group.ref, []);
      for (const parent of group.parents) {
        const siblings = this.children.get(parent) ?? [];
        siblings.push(group.ref);
        this.children.set(parent, siblings);
      }
    }
    for (const user of users) {
      this.userGroups.set(user.ref, [...user.groups]);
      for (const group of user.groups) {
        const members = this.directUsers.get(group) ?? [];
        members.push(user.ref);
        this.directUsers.set(group, members);
      }
    }
    this.sortedUserRefs = [...this.userGroups.keys()].sort();
  }

  /** How many groups and users the graph holds. */
  get size(): { groups: number; users: number } {
    return { groups: this.parents.size, users: this.userGroups.size };
  }

  /** The groups a user is a direct member of, as the catalog says. */
  groupsOf(userRef: string): string[] {
    return this.userGroups.get(userRef) ?? [];
  }

  /** Whether the catalog holds `userRef`. */
  hasUser(userRef: string): boolean {
    return this.userGroups.has(userRef);
  }

  /** Every user in the catalog, sorted by ref. */
  userRefs(): readonly string[] {
    return this.sortedUserRefs;
  }

  /** The users in `groupRef` or in any group below it, sorted by ref. */
  usersIn(groupRef: string): readonly string[] {
    const known = this.usersInMemo.get(groupRef);
    if (known) return known;
    const users = new Set<string>();
    for (const group of [groupRef, ...this.descendants(groupRef)]) {
      for (const user of this.directUsers.get(group) ?? []) users.add(user);
    }
    const sorted = [...users].sort();
    this.usersInMemo.set(groupRef, sorted);
    return sorted;
  }

  /** All groups above `ref`, excluding itself. */
  ancestors(ref: string): string[] {
    return this.walk(ref, this.parents, this.ancestorMemo);
  }

  /** All groups below `ref`, excluding itself. */
  descendants(ref: string): string[] {
    return this.walk(ref, this.children, this.descendantMemo);
  }

  private walk(
    start: string,
    edges: Map<string, string[]>,
    memo: Map<string, string[]>,
  ): string[] {
    const known = memo.get(start);
    if (known) return known;
    const seen = new Set<string>([start]);
    const queue = [...(edges.get(start) ?? [])];
    const found: string[] = [];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      found.push(next);
      queue.push(...(edges.get(next) ?? []));
    }
    memo.set(start, found);
    return found;
  }
}
