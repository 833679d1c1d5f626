import { createRouteRef } from '@backstage/core-plugin-api';

/** The approvals pages, mounted at /approvals. */
export const rootRouteRef = createRouteRef({ id: 'approvals' });
