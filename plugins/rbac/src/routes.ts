import { createRouteRef } from '@backstage/core-plugin-api';

/** The access page, mounted at /rbac. */
export const rootRouteRef = createRouteRef({ id: 'rbac' });
