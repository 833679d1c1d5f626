import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  INFRA_REQUEST_RESOURCE_TYPE,
  INFRA_REQUEST_RULES,
  infraPermissions,
  infraResourceDestroyPermission,
} from './permissions';

describe('infra permissions', () => {
  it('makes destroy a resource permission on infra requests', () => {
    expect(
      isResourcePermission(
        infraResourceDestroyPermission,
        INFRA_REQUEST_RESOURCE_TYPE,
      ),
    ).toBe(true);
    expect(infraPermissions).toContain(infraResourceDestroyPermission);
  });

  it('names the rules on infra requests', () => {
    expect(INFRA_REQUEST_RULES).toEqual({
      IS_REQUESTER: 'IS_REQUESTER',
      IS_OWNER: 'IS_OWNER',
      IS_APPROVER: 'IS_APPROVER',
    });
  });
});
