import {
  AccessRequest,
  AccessTarget,
} from '@internal/plugin-access-requests-common';

/** The targets of `GET /targets` in component tests. */
export const targets: AccessTarget[] = [
  {
    id: 'admin',
    target: { kind: 'role', role: 'admin' },
    title: 'Platform admin',
    description: 'Everything, including the admin pages',
    approvers: ['group:default/approvers'],
    durations: ['30m', '4h'],
  },
  {
    id: 'group:default/team-payments',
    target: { kind: 'group', group: 'group:default/team-payments' },
    title: 'Team Payments member',
    approvers: ['user:default/alan'],
    durations: ['1d'],
  },
];

/** A request of `dev` for the admin role; `overrides` set its state. */
export function accessRequest(
  overrides: Partial<AccessRequest> = {},
): AccessRequest {
  return {
    id: 'req-1',
    requester: 'user:default/dev',
    targetId: 'admin',
    target: { kind: 'role', role: 'admin' },
    duration: '4h',
    reason: 'Rotating the signing keys',
    status: 'pending',
    createdAt: '2026-11-29T10:00:00.000Z',
    approvalId: 'appr-1',
    ...overrides,
  };
}
