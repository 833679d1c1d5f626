import { createPermission } from '@backstage/plugin-permission-common';

/** Open the access page: roles, effective access, who can do what. Admins in the sample roles. */
export const rbacAccessReadPermission = createPermission({
  name: 'rbac.access.read',
  attributes: { action: 'read' },
});

/** Every permission the rbac plugin declares. */
export const rbacPermissions = [rbacAccessReadPermission];
