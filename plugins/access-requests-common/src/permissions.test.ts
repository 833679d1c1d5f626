import {
  ACCESS_REQUEST_RULES,
  accessGrantRevokePermission,
  accessRequestCreatePermission,
  accessRequestsPermissions,
} from './permissions';
import { ACCESS_REQUEST_RESOURCE_TYPE } from './types';

describe('accessRequestsPermissions', () => {
  it('names every permission once, under the plugin id', () => {
    const names = accessRequestsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^access-requests\.[a-z]+\.[a-z]+$/);
    }
  });

  it('puts every permission but create on the access-request resource type', () => {
    expect(accessRequestCreatePermission.type).toBe('basic');
    for (const permission of accessRequestsPermissions.filter(
      p => p !== accessRequestCreatePermission,
    )) {
      expect(permission).toMatchObject({
        type: 'resource',
        resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
      });
    }
    expect(accessGrantRevokePermission.name).toBe(
      'access-requests.grant.revoke',
    );
  });

  it('names the rule the policy fills with the user ref', () => {
    expect(ACCESS_REQUEST_RULES).toEqual({ IS_REQUESTER: 'IS_REQUESTER' });
  });
});
