/** `['developer', 'admin']` → `the developer or admin role`. */
function rolesPhrase(names: string[]): string {
  const list =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `the ${list} role`;
}

/**
 * "You need the developer or admin role to create software from templates. Ask your platform
 * team to add you to the role." `action` is what is denied, as a verb phrase.
 */
export function requiredRolesSentence(names: string[], action: string): string {
  return `You need ${rolesPhrase(
    names,
  )} to ${action}. Ask your platform team to add you to the role.`;
}

/** The denial when no role is known to grant the permission. */
export function genericDenialSentence(action: string): string {
  return `Your role does not allow you to ${action}. If you need it, ask a Gantry admin for a role that allows it.`;
}
