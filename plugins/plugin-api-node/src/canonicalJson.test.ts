import { canonicalJson } from './canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeping array order', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}');
  });

  it('gives equal output for equal values written in another key order', () => {
    expect(canonicalJson({ x: 1, y: 'two' })).toBe(
      canonicalJson({ y: 'two', x: 1 }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
