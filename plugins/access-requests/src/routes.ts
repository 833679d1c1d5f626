import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The access-requests page, mounted at /access-requests. */
export const rootRouteRef = createRouteRef({ id: 'access-requests' });

/**
 * The approvals plugin's root, where each request's approval is decided
 * (`<root>/requests/<approvalId>`). Optional: unbound, no link is shown.
 */
export const approvalsRouteRef = createExternalRouteRef({
  id: 'approvals',
  optional: true,
});
