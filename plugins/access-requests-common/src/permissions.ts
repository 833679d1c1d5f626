import { createPermission } from '@backstage/plugin-permission-common';

/** List and read access-requests items. */
export const accessRequestsItemReadPermission = createPermission({
  name: 'access-requests.item.read',
  attributes: { action: 'read' },
});

/** Create a access-requests item (a draft). */
export const accessRequestsItemCreatePermission = createPermission({
  name: 'access-requests.item.create',
  attributes: { action: 'create' },
});

/** Ask to publish a access-requests item; publishing itself waits for an approval. */
export const accessRequestsItemPublishPermission = createPermission({
  name: 'access-requests.item.publish',
  attributes: { action: 'update' },
});

/** Every permission the access-requests plugin declares, for the permissions registry. */
export const accessRequestsPermissions = [
  accessRequestsItemReadPermission,
  accessRequestsItemCreatePermission,
  accessRequestsItemPublishPermission,
];
