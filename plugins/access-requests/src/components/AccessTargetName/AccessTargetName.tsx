import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AccessRequest } from '@internal/plugin-access-requests-common';

/**
 * What a request is for: its target's title from the config when known, else the role by its
 * name or the group by its display name, linked to its catalog page.
 */
export const AccessTargetName = ({
  target,
  title,
}: {
  target: AccessRequest['target'];
  title?: string;
}) => {
  if (title) return <>{title}</>;
  if (target.kind === 'group') {
    return <EntityRefLink entityRef={target.group} hideIcon />;
  }
  return <>Role {target.role}</>;
};
