import { InfraRequest } from '@internal/plugin-infra-common';
import { infraRequestPermissionRules } from './permissionRules';

const request = {
  requesterRef: 'user:default/dev',
  ownerRef: 'group:default/team-payments',
} as InfraRequest;

describe('infra request permission rules', () => {
  const { isRequester, isOwner } = infraRequestPermissionRules;

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
});
