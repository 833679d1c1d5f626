import { RoleView } from '@internal/plugin-rbac-common';
import { memberSnippet } from './memberSnippet';

const developer: RoleView = {
  name: 'developer',
  description: 'Runs the developer templates.',
  templates: ['developer'],
  grants: [],
  members: [
    {
      ref: 'group:default/developers',
      kind: 'group',
      users: ['user:default/dev'],
    },
  ],
  userCount: 1,
};

describe('memberSnippet', () => {
  it("adds the member to the role's members", () => {
    expect(memberSnippet(developer, 'user:default/linus')).toBe(
      [
        'gantry:',
        '  rbac:',
        '    roles:',
        '      - name: developer',
        '        # description, templates and grants stay as they are',
        '        members:',
        '          - group:default/developers',
        '          - user:default/linus # added',
        '',
      ].join('\n'),
    );
  });

  it('writes a placeholder until a member is entered', () => {
    expect(memberSnippet(developer)).toContain(
      '          - user:default/<name> # added',
    );
  });

  it('does not list a member twice', () => {
    const snippet = memberSnippet(developer, 'group:default/developers');
    expect(snippet.match(/group:default\/developers/g)).toHaveLength(1);
    expect(snippet).not.toContain('# added');
  });
});
