import { InfraRequest } from '@internal/plugin-infra-common';
import {
  infraRequestConditions,
  infraRequestPermissionRules,
} from './permissionRules';

const request = {
  requesterRef: 'user:default/dev',
  ownerRef: 'group:default/team-payments',
  approverRefs: ['group:default/approvers', 'user:default/amy'],
} as InfraRequest;

describe('infra request permission rules', () => {
  const { isRequester, isOwner, isApprover } = infraRequestPermissionRules;

  it('matches the requester, in memory and as a query', () => {
    expect(isRequester.apply(request, { claims: ['user:default/dev'] })).toBe(
      true,
    );
    expect(
      isRequester.apply(request, { claims: ['group:default/team-payments'] }),
    ).toBe(false);
    expect(isRequester.toQuery({ claims: ['user:default/dev'] })).toEqual({
      field: 'requester',
      refs: ['user:default/dev'],
    });
  });

  it('matches a member of the owner group, in memory and as a query', () => {
    expect(
      isOwner.apply(request, {
        claims: ['user:default/linus', 'group:default/team-payments'],
      }),
    ).toBe(true);
    expect(isOwner.apply(request, { claims: ['user:default/dev'] })).toBe(
      false,
    );
    expect(
      isOwner.toQuery({ claims: ['group:default/team-payments'] }),
    ).toEqual({ field: 'owner', refs: ['group:default/team-payments'] });
  });

  it('matches an approver of the approval, user or group, in memory and as a query', () => {
    expect(isApprover.name).toBe('IS_APPROVER');
    expect(
      isApprover.apply(request, {
        claims: ['user:default/ann', 'group:default/approvers'],
      }),
    ).toBe(true);
    expect(isApprover.apply(request, { claims: ['user:default/amy'] })).toBe(
      true,
    );
    // The requester and the owner group are not approvers.
    expect(
      isApprover.apply(request, {
        claims: ['user:default/dev', 'group:default/team-payments'],
      }),
    ).toBe(false);
    expect(isApprover.apply(request, { claims: [] })).toBe(false);
    // No approval linked yet: nobody is an approver.
    expect(
      isApprover.apply(
        { ...request, approverRefs: [] },
        { claims: ['group:default/approvers'] },
      ),
    ).toBe(false);
    expect(
      isApprover.apply(
        { ...request, approverRefs: undefined },
        { claims: ['group:default/approvers'] },
      ),
    ).toBe(false);
    expect(isApprover.toQuery({ claims: ['group:default/approvers'] })).toEqual(
      { field: 'approver', refs: ['group:default/approvers'] },
    );
  });

  it('gives the policy an isApprover condition on infra requests', () => {
    expect(
      infraRequestConditions.isApprover({
        claims: ['group:default/approvers'],
      }),
    ).toEqual({
      resourceType: 'infra-request',
      rule: 'IS_APPROVER',
      params: { claims: ['group:default/approvers'] },
    });
  });
});
