import { createRouteRef } from '@backstage/core-plugin-api';

/** The infra pages, mounted at /infra. */
export const rootRouteRef = createRouteRef({ id: 'infra' });

/** The operations dashboard for admins, mounted at /ops. */
export const opsRouteRef = createRouteRef({ id: 'infra-ops' });
