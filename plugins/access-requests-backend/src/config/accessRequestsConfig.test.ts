import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  describeTarget,
  readAccessRequestsConfig,
} from './accessRequestsConfig';

const read = (accessRequests: unknown) =>
  readAccessRequestsConfig(
    mockServices.rootConfig({
      data: accessRequests === undefined ? {} : ({ accessRequests } as any),
    }),
  );

describe('readAccessRequestsConfig', () => {
  it('reads role and group targets, with ids, titles and full refs', () => {
    const config = read({
      targets: [
        {
          role: 'admin',
          approvers: ['group:platform-admins', 'user:default/ada'],
          durations: ['1h', '4h'],
        },
        {
          group: 'group:default/approvers',
          title: 'Approvers',
          description: 'Decide approvals',
          approvers: ['group:default/platform-admins'],
          durations: ['20s'],
        },
      ],
      expirySweepSeconds: 5,
    });
    expect(config).toEqual({
      targets: [
        {
          id: 'admin',
          target: { kind: 'role', role: 'admin' },
          title: 'Role admin',
          approvers: ['group:default/platform-admins', 'user:default/ada'],
          durations: ['1h', '4h'],
        },
        {
          id: 'group:default/approvers',
          target: { kind: 'group', group: 'group:default/approvers' },
          title: 'Approvers',
          description: 'Decide approvals',
          approvers: ['group:default/platform-admins'],
          durations: ['20s'],
        },
      ],
      expirySweepSeconds: 5,
      approvalSweepSeconds: 60,
      approvalExpirySeconds: 86_400,
    });
  });

  it("reads the portal's own config", () => {
    const file = path.join(
      resolvePackagePath('@internal/plugin-access-requests-backend', '../..'),
      'app-config.yaml',
    );
    const { accessRequests } = parse(fs.readFileSync(file, 'utf8'));
    const config = read(accessRequests);
    expect(config.targets.map(t => [t.id, t.approvers, t.durations])).toEqual([
      ['admin', ['group:default/platform-admins'], ['1h', '4h']],
      [
        'group:default/approvers',
        ['group:default/platform-admins'],
        ['1h', '4h', '8h'],
      ],
    ]);
    expect(config.expirySweepSeconds).toBe(30);
  });

  it('offers nothing without config', () => {
    expect(read(undefined).targets).toEqual([]);
  });

  it.each([
    [
      { role: 'admin', approvers: ['group:default/a'], durations: ['1.5h'] },
      'accessRequests.targets.0.durations.0: expected a whole number and a unit',
    ],
    [
      { role: 'admin', approvers: ['group:default/a'], durations: ['31d'] },
      'at most 30d',
    ],
    [
      { role: 'admin', approvers: ['group:default/a'], durations: [] },
      'accessRequests.targets.0.durations',
    ],
    [
      { role: 'admin', approvers: ['component:default/a'], durations: ['1h'] },
      'accessRequests.targets.0.approvers.0: expected an entity ref of kind user or group',
    ],
    [
      { role: 'admin', approvers: [], durations: ['1h'] },
      'accessRequests.targets.0.approvers',
    ],
    [
      {
        role: 'admin',
        group: 'group:default/x',
        approvers: ['group:default/a'],
        durations: ['1h'],
      },
      'name exactly one of role and group',
    ],
    [
      {
        group: 'user:default/x',
        approvers: ['group:default/a'],
        durations: ['1h'],
      },
      'accessRequests.targets.0.group: expected an entity ref of kind group',
    ],
    [
      {
        role: 'admin',
        approvers: ['group:default/a'],
        durations: ['1h', '1h'],
      },
      'lists a duration twice',
    ],
  ])('refuses the bad target %j', (target, message) => {
    expect(() => read({ targets: [target] })).toThrow(message);
  });

  it('refuses a target listed twice and unknown keys', () => {
    const target = {
      role: 'admin',
      approvers: ['group:default/a'],
      durations: ['1h'],
    };
    expect(() => read({ targets: [target, target] })).toThrow(
      'admin is listed twice',
    );
    expect(() => read({ targets: [{ ...target, roles: ['x'] }] })).toThrow(
      'Invalid accessRequests config',
    );
    expect(() => read({ expirySweepSeconds: 0 })).toThrow(
      'accessRequests.expirySweepSeconds',
    );
  });
});

describe('describeTarget', () => {
  it('names roles and groups as a title reads them', () => {
    expect(describeTarget({ kind: 'role', role: 'admin' })).toBe('role admin');
    expect(
      describeTarget({ kind: 'group', group: 'group:default/approvers' }),
    ).toBe('group approvers');
    expect(describeTarget({ kind: 'group', group: 'group:ops/oncall' })).toBe(
      'group ops/oncall',
    );
  });
});
