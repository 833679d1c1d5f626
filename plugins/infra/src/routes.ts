import { createRouteRef } from '@backstage/core-plugin-api';

/** The infra pages, mounted at /infra. */
export const rootRouteRef = createRouteRef({ id: 'infra' });
