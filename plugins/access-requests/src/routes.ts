import { createRouteRef } from '@backstage/core-plugin-api';

/** The access-requests page, mounted at /access-requests. */
export const rootRouteRef = createRouteRef({ id: 'access-requests' });
