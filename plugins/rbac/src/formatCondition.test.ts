import { formatCondition, formatConditions } from './formatCondition';

describe('formatCondition', () => {
  it('names a rule without params', () => {
    expect(formatCondition({ rule: 'IS_OWNER' })).toBe('IS_OWNER');
  });

  it('writes params after the rule', () => {
    expect(
      formatCondition({
        rule: 'HAS_ACTION_ID',
        params: { actionId: 'debug:log' },
      }),
    ).toBe('HAS_ACTION_ID(actionId=debug:log)');
    expect(
      formatCondition({
        rule: 'IS_OWNER',
        params: { claims: ['group:default/a', 'group:default/b'], depth: 2 },
      }),
    ).toBe('IS_OWNER(claims=[group:default/a, group:default/b], depth=2)');
  });

  it('nests allOf, anyOf and not', () => {
    expect(
      formatCondition({
        allOf: [
          { anyOf: [{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }] },
          { not: { rule: 'IS_ENTITY_KIND', params: { kinds: ['template'] } } },
        ],
      }),
    ).toBe(
      'allOf(anyOf(IS_REQUESTER, IS_OWNER), not(IS_ENTITY_KIND(kinds=[template])))',
    );
  });

  it('joins several conditions with anyOf', () => {
    expect(formatConditions([{ rule: 'IS_OWNER' }])).toBe('IS_OWNER');
    expect(
      formatConditions([{ rule: 'IS_REQUESTER' }, { rule: 'IS_OWNER' }]),
    ).toBe('anyOf(IS_REQUESTER, IS_OWNER)');
  });
});
