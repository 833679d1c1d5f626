import { RoleView } from '@internal/plugin-rbac-common';

/** Written where the member goes while none is entered. */
export const MEMBER_PLACEHOLDER = 'user:default/<name>';

/**
 * The `gantry.rbac` YAML that adds `memberRef` to `role`: the role's members as config lists
 * them, plus the new one. Refs and role names need no quoting (config validates both).
 */
export function memberSnippet(role: RoleView, memberRef?: string): string {
  const current = role.members.map(member => member.ref);
  const lines = [
    'gantry:',
    '  rbac:',
    '    roles:',
    `      - name: ${role.name}`,
    '        # description, templates and grants stay as they are',
    '        members:',
    ...current.map(ref => `          - ${ref}`),
  ];
  const added = memberRef ?? MEMBER_PLACEHOLDER;
  if (!current.includes(added)) {
    lines.push(`          - ${added} # added`);
  }
  return `${lines.join('\n')}\n`;
}
