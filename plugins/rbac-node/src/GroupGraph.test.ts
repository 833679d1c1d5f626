import { GroupGraph } from './GroupGraph';

describe('GroupGraph', () => {
  const graph = new GroupGraph(
    [
      { ref: 'group:default/org', parents: [] },
      { ref: 'group:default/eng', parents: ['group:default/org'] },
      { ref: 'group:default/payments', parents: ['group:default/eng'] },
      { ref: 'group:default/cards', parents: ['group:default/payments'] },
      // a cycle: a is b's parent and b is a's parent
      { ref: 'group:default/a', parents: ['group:default/b'] },
      { ref: 'group:default/b', parents: ['group:default/a'] },
    ],
    [
      { ref: 'user:default/dev', groups: ['group:default/cards'] },
      { ref: 'user:default/lead', groups: ['group:default/eng'] },
      // in two groups of one branch: listed once
      {
        ref: 'user:default/ana',
        groups: ['group:default/payments', 'group:default/cards'],
      },
      { ref: 'user:default/loopy', groups: ['group:default/b'] },
    ],
  );

  it('walks up to every ancestor, to any depth', () => {
    expect(graph.ancestors('group:default/cards')).toEqual([
      'group:default/payments',
      'group:default/eng',
      'group:default/org',
    ]);
    expect(graph.ancestors('group:default/org')).toEqual([]);
  });

  it('walks down to every descendant', () => {
    expect(graph.descendants('group:default/eng')).toEqual([
      'group:default/payments',
      'group:default/cards',
    ]);
  });

  it('walks a cycle once and never returns the start', () => {
    expect(graph.ancestors('group:default/a')).toEqual(['group:default/b']);
    expect(graph.descendants('group:default/a')).toEqual(['group:default/b']);
  });

  it("knows users' direct groups", () => {
    expect(graph.groupsOf('user:default/dev')).toEqual(['group:default/cards']);
    expect(graph.groupsOf('user:default/nobody')).toEqual([]);
    expect(graph.hasUser('user:default/dev')).toBe(true);
    expect(graph.hasUser('user:default/nobody')).toBe(false);
    expect(graph.size).toEqual({ groups: 6, users: 4 });
  });

  it('lists every user, sorted', () => {
    expect(graph.userRefs()).toEqual([
      'user:default/ana',
      'user:default/dev',
      'user:default/lead',
      'user:default/loopy',
    ]);
    expect(GroupGraph.empty().userRefs()).toEqual([]);
  });

  it('finds the users of a group and of every group below it, once each', () => {
    expect(graph.usersIn('group:default/org')).toEqual([
      'user:default/ana',
      'user:default/dev',
      'user:default/lead',
    ]);
    expect(graph.usersIn('group:default/payments')).toEqual([
      'user:default/ana',
      'user:default/dev',
    ]);
    expect(graph.usersIn('group:default/cards')).toEqual([
      'user:default/ana',
      'user:default/dev',
    ]);
    expect(graph.usersIn('group:default/unknown')).toEqual([]);
  });

  it('finds the users of a cycle from either side, and remembers the answer', () => {
    expect(graph.usersIn('group:default/a')).toEqual(['user:default/loopy']);
    expect(graph.usersIn('group:default/b')).toEqual(['user:default/loopy']);
    expect(graph.usersIn('group:default/a')).toBe(
      graph.usersIn('group:default/a'),
    );
  });
});
