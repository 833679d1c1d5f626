import { createRouteRef } from '@backstage/core-plugin-api';

/** The audit page, mounted at /audit. */
export const rootRouteRef = createRouteRef({ id: 'audit' });
