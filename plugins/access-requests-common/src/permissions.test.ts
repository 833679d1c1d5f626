import { accessRequestsPermissions } from './permissions';

describe('accessRequestsPermissions', () => {
  it('names every permission once, under the plugin id', () => {
    const names = accessRequestsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^access-requests\.[a-z]+\.[a-z]+$/);
    }
  });
});
