import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

function refOfKind(
  input: string,
  kinds: string[],
  defaultKind?: string,
): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  try {
    const ref = parseEntityRef(text, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return kinds.includes(ref.kind.toLocaleLowerCase('en-US'))
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `dev` or `user:default/dev` → `user:default/dev`; undefined for anything but a user. */
export function toUserRef(input: string): string | undefined {
  return refOfKind(input, ['user'], 'user');
}

/**
 * A role member as config wants it, a full user or group ref; undefined for anything else.
 * The kind must be written: `dev` could be a user or a group.
 */
export function toMemberRef(input: string): string | undefined {
  return refOfKind(input, ['user', 'group']);
}
