import { toMemberRef, toUserRef } from './entityRefs';

describe('toUserRef', () => {
  it('completes a user name to a full ref', () => {
    expect(toUserRef('dev')).toBe('user:default/dev');
    expect(toUserRef(' user:default/Dev ')).toBe('user:default/dev');
    expect(toUserRef('user:team/ada')).toBe('user:team/ada');
  });

  it('refuses what is not a user', () => {
    expect(toUserRef('')).toBeUndefined();
    expect(toUserRef('group:default/developers')).toBeUndefined();
    expect(toUserRef('user:')).toBeUndefined();
  });
});

describe('toMemberRef', () => {
  it('takes full user and group refs', () => {
    expect(toMemberRef('group:developers')).toBe('group:default/developers');
    expect(toMemberRef('user:default/vera')).toBe('user:default/vera');
  });

  it('refuses a ref without a kind or of another kind', () => {
    expect(toMemberRef('vera')).toBeUndefined();
    expect(toMemberRef('component:default/x')).toBeUndefined();
  });
});
