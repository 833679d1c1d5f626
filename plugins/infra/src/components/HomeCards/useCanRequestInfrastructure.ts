import { usePermission } from '@backstage/plugin-permission-react';
import { infraRequestCreatePermission } from '@internal/plugin-infra-common';

/**
 * Whether the signed-in user may request infrastructure, so pages offer the infra home cards
 * only to those who can have requests and resources of their own.
 */
export const useCanRequestInfrastructure = () =>
  usePermission({ permission: infraRequestCreatePermission });
