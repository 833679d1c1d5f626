import { AccessRequest } from '@internal/plugin-access-requests-common';
import { accessRequestPermissionRules } from './permissionRules';

const request = { requester: 'user:default/dev' } as AccessRequest;

describe('isRequester', () => {
  const { isRequester } = accessRequestPermissionRules;

  it('matches the requester only, in memory and as a filter', () => {
    expect(isRequester.apply(request, { claims: ['user:default/dev'] })).toBe(
      true,
    );
    expect(isRequester.apply(request, { claims: ['user:default/ada'] })).toBe(
      false,
    );
    expect(isRequester.toQuery({ claims: ['user:default/dev'] })).toEqual({
      field: 'requester',
      refs: ['user:default/dev'],
    });
  });
});
