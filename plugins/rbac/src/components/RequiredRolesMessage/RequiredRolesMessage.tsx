import { Progress } from '@backstage/core-components';
import {
  genericDenialSentence,
  requiredRolesSentence,
} from './requiredRolesSentence';
import { useRequiredRoles } from './useRequiredRoles';

/**
 * Why someone may not do something, naming the roles that would allow it: "You need the
 * developer or admin role to create software from templates." Falls back to a generic
 * sentence when the roles cannot be read or no role grants the permission.
 */
export const RequiredRolesMessage = ({
  permission,
  action,
}: {
  /** The permission denied, e.g. `taskCreatePermission`. */
  permission: { name: string };
  /** What it allows, as a verb phrase: "create software from templates". */
  action: string;
}) => {
  const { value, loading, error } = useRequiredRoles(permission.name);
  if (loading) return <Progress />;
  const names = value?.roles.map(role => role.name) ?? [];
  if (error || names.length === 0) return <>{genericDenialSentence(action)}</>;
  return <>{requiredRolesSentence(names, action)}</>;
};
